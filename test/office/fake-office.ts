/** The fake Office.js installed as the global `Office` / `Excel` for one test, uninstalled after it. */
import { installFakeOffice, type FakeOfficeEnvironment, type FakeOfficeOptions, type FakeWorkbookModel } from '../../src/office-fake';

/**
 * Call at a test file's top level: returns `open(model, options)`, which installs the fake over the model (replacing
 * one installed earlier in the same test) and returns it; each test's fake is uninstalled after it.
 */
export function useFakeOffice(): (model: FakeWorkbookModel, options?: FakeOfficeOptions) => FakeOfficeEnvironment {
  let env: (FakeOfficeEnvironment & { uninstall(): void }) | undefined;
  afterEach(() => {
    env?.uninstall();
    env = undefined;
  });
  return (model, options = {}) => {
    env?.uninstall();
    env = installFakeOffice(globalThis, model, options);
    return env;
  };
}
