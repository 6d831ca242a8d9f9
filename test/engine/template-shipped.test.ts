/**
 * The shipped templates are used without zod at run time (template/load.ts): that is only right while each file is
 * exactly what the schema makes of it. Here zod validates them, a return with no template of its own is read and
 * checked without zod ever being evaluated, and any template that is not a shipped one byte for byte still goes
 * through zod with its precise paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateSchema } from '../../src/engine/template/schema';

const FILES = ['fulian-quarterly.json', 'fulian-quarterly-2026.2.json'].map((f) => join(__dirname, '../../src/templates', f));

describe('shipped templates', () => {
  it.each(FILES)('%s is what zod makes of it, key order included', (file) => {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const parsed = templateSchema.parse(raw);
    expect(parsed).toStrictEqual(raw);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(raw));
  });

  it('are what knownTemplates() returns, oldest first', () => {
    const { knownTemplates } = jest.requireActual<typeof import('../../src/engine/template/load')>('../../src/engine/template/load');
    const raws = FILES.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
    expect(knownTemplates()).toStrictEqual(raws);
  });
});

describe('zod loads only for a template that must be validated', () => {
  let zodLoaded: boolean;
  let lib: {
    load: typeof import('../../src/engine/template/load');
    embed: typeof import('../../src/engine/template/embed');
    engine: typeof import('../../src/engine');
    testing: typeof import('../../src/engine/testing');
  };

  beforeEach(() => {
    jest.resetModules();
    zodLoaded = false;
    jest.doMock('zod', () => {
      zodLoaded = true;
      return jest.requireActual('zod');
    });
    // requireActual: the modules themselves, loaded afresh after resetModules, their own imports through the mock
    lib = {
      load: jest.requireActual('../../src/engine/template/load'),
      embed: jest.requireActual('../../src/engine/template/embed'),
      engine: jest.requireActual('../../src/engine'),
      testing: jest.requireActual('../../src/engine/testing'),
    };
  });

  afterEach(() => jest.dontMock('zod'));

  it('not to check a return that carries no template, nor one that carries a shipped one as embedTemplate writes it', () => {
    const { engine, testing, embed } = lib;
    const template = engine.standardTemplate();
    const view = testing.buildFilledReturn(template, { quarter: 3, seed: 1 });
    const choice = engine.chooseTemplate(view);
    expect(choice.ok && choice.source).toBe('shipped');
    expect(engine.checkReturn(view, template).issues).toEqual([]);
    embed.embedTemplate(view, template);
    const carried = engine.readEmbeddedTemplate(view);
    expect(carried?.ok).toBe(true);
    if (carried?.ok) {
      expect(carried.template).toStrictEqual(template);
      expect(carried.template).not.toBe(template); // a fresh object, as zod's parse would give
    }
    expect(zodLoaded).toBe(false);
  });

  it('for a carried template one value away from a shipped one, with the path of what is wrong', () => {
    const { load } = lib;
    const json = JSON.stringify(load.standardTemplate()).replace('"A05"', '"Z99"');
    const r = load.parseTemplateJson(json);
    expect(zodLoaded).toBe(true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/indicators\[\d+\]/);
  });

  it('for a template file laid out by hand, even when its content is a shipped one', () => {
    const { load } = lib;
    const r = load.parseTemplateJson(JSON.stringify(load.standardTemplate(), null, 2));
    expect(zodLoaded).toBe(true);
    expect(r.ok && r.template).toStrictEqual(load.standardTemplate());
  });
});
