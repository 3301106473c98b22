/**
 * The password policy (密码要求), stated once: the web forms show `PASSWORD_RULE`, the API and the
 * command line refuse with the same words.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_RULE = `密码至少${PASSWORD_MIN_LENGTH}位，不能与用户名相同，不能使用常见的简单密码`;

/** Common choices that a length rule alone lets through (lower-cased). */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  '1234512345',
  'qwertyuiop',
  'qwertyuiop1',
  '1q2w3e4r5t',
  'password123',
  'password1234',
  'passw0rd123',
  'admin12345',
  'admin123456',
  'administrator',
  'abc1234567',
  'abcdefghij',
  'iloveyou123',
  'woaini1314',
  'woaini123456',
  'a123456789',
  'aa12345678',
  'qq123456789',
  '5201314520',
  'lianfang123',
  'lianfang-demo',
  'p@ssw0rd123',
  'welcome123',
  'changeme123',
]);

/** What is wrong with a proposed password, in words for the person; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`密码至少${PASSWORD_MIN_LENGTH}位`);
  if (username && password.trim().toLowerCase() === username.trim().toLowerCase()) problems.push('密码不能与用户名相同');
  if (COMMON_PASSWORDS.has(password.trim().toLowerCase())) problems.push('密码过于常见，请换一个');
  return problems;
}
