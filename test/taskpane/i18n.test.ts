import { formatPercent, langFromDisplayLanguage, uiStrings } from '../../src/taskpane/i18n';

describe('task pane strings', () => {
  test('zh-CN unless Office displays English', () => {
    for (const en of ['en', 'en-US', 'en-GB', 'EN-us', ' en-AU ']) expect(langFromDisplayLanguage(en)).toBe('en');
    for (const zh of ['zh-CN', 'zh-TW', 'fr-FR', 'eng', '', undefined, null]) expect(langFromDisplayLanguage(zh)).toBe('zh-CN');
  });

  test('the two dictionaries have the same keys and no empty string', () => {
    const zh = uiStrings('zh-CN');
    const en = uiStrings('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const dict of [zh, en]) {
      for (const [k, v] of Object.entries(dict)) {
        if (typeof v === 'string') expect([k, v.trim().length > 0]).toEqual([k, true]);
      }
    }
  });

  test('the check announcement', () => {
    expect(uiStrings('zh-CN').announceChecked({ error: 3, warning: 5, info: 0 })).toBe('检查完成：3 个错误，5 个警告');
    expect(uiStrings('zh-CN').announceChecked({ error: 0, warning: 0, info: 2 })).toBe(
      '检查完成：0 个错误，0 个警告，2 个提示',
    );
    expect(uiStrings('en').announceChecked({ error: 1, warning: 5, info: 0 })).toBe('Check complete: 1 error, 5 warnings');
  });

  test('percent text', () => {
    expect(formatPercent(1.0706)).toBe('107.06%');
    expect(formatPercent(0.75)).toBe('75.00%');
    expect(formatPercent(0)).toBe('0.00%');
  });
});
