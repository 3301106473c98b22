/**
 * The roster spreadsheet (人员名册) as offices keep it: one row per person, Chinese column headers,
 * roles and channels in words. Shared by the template, the export and the import. Pure.
 */
export const ROSTER_SHEET = '人员名册';
export const UNITS_SHEET = '成员单位';
export const NOTES_SHEET = '填写说明';

export const ROSTER_COLUMNS = ['单位名称', '姓名', '用户名', '角色', '手机号码', '短信通道', '在岗'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const UNIT_COLUMNS = ['单位编号', '单位名称', '简称', '类别', '状态'] as const;

export const ROLE_WORDS = { 联络员: 'liaison', 单位负责人: 'unit_head' } as const;
export const ROLE_OF_WORD = Object.fromEntries(Object.entries(ROLE_WORDS).map(([w, r]) => [r, w])) as Record<'liaison' | 'unit_head', string>;
export const SMS_WORDS = { 阿里云: 'aliyun', 腾讯云: 'tencent' } as const;
export const SMS_OF_WORD = { aliyun: '阿里云', tencent: '腾讯云' } as const;
export const YES_NO = { 是: true, 否: false } as const;

export const ROSTER_NOTES: string[][] = [
  ['列', '怎么填'],
  ['单位名称', '成员单位的全称或简称，须是本辖区现有、未撤销的成员单位'],
  ['姓名', '本人姓名，不超过50字'],
  ['用户名', '登录用的用户名：3–63位小写字母、数字或 . _ -；已有账号按用户名更新，没有的新建'],
  ['角色', '联络员 或 单位负责人'],
  ['手机号码', '11位手机号，可带 +86'],
  ['短信通道', '阿里云、腾讯云，或留空（不发短信）；填了须有手机号码'],
  ['在岗', '是 或 否，留空为是'],
  ['说明', '先预览：每一行的问题都会列出，有问题时不会写入任何内容；全部无误后再导入，一次全部写入'],
];

/** What a spreadsheet would read as a formula start, and the apostrophe our own export puts before it. */
const FORMULA_START = /^[\t\r]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

/** A cell as written out: text a spreadsheet will not evaluate. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as read back: our own guard's apostrophe removed again. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
