const { chromium } = require('playwright-core');
(async () => {
  const ctx = await chromium.launchPersistentContext('/tmp/pw-web-try', { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--headless'] });
  const page = ctx.pages()[0] || await ctx.newPage();
  page.on('console', m => console.log('console', m.type(), m.text().slice(0,200)));
  page.on('pageerror', e => console.log('pageerror', e.message));
  await page.goto('file:///tmp/web-out/fulian-returns.html');
  await page.waitForSelector('[data-testid=task-pane] li', { timeout: 30000 });
  for (const f of process.argv.slice(2)) {
    const t = Date.now();
    await page.getByTestId('file-input').setInputFiles(f);
    await page.waitForFunction((n) => document.body.textContent.includes(n), f.split('/').pop(), { timeout: 60000 });
    await page.waitForTimeout(3000); console.log((await page.getByTestId('task-pane').textContent()).slice(0,300));
    console.log(f, 'loaded ms', Date.now() - t);
    const t2 = Date.now();
    await page.locator('[data-testid=task-pane] button[data-severity]').last().click({ timeout: 10000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=name-box]').textContent !== 'A1', null, { timeout: 10000 }).catch(()=>{});
    console.log('click ms', Date.now() - t2, await page.getByTestId('name-box').textContent());
    await page.screenshot({ path: '/tmp/' + f.split('/').pop() + '.png' });
  }
  await ctx.close();
})();
