/**
 * What a new password must be: at least MIN_PASSWORD_LENGTH characters (NIST SP 800-63B style: length
 * and a block list, no composition rules), at most 256 (scrypt cost is per byte of input only slightly,
 * but unbounded input is a cheap way to waste memory), not one of the most common passwords, and not
 * the account's own e-mail address or its local part. Returns a reason instead of throwing.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The most common passwords in public breach lists that reach 10 characters or that a lenient rule
 * would take with a suffix; compared lower-case and with trailing digits/punctuation stripped.
 */
const COMMON = new Set(
  `password passw0rd p@ssw0rd p@ssword qwerty qwertyuiop qwertyuiop123 1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc
zaq12wsx zaq1zaq1 asdfghjkl asdfghjkl; zxcvbnm zxcvbnm123 abcdefghij abc123456 iloveyou iloveyou123
princess sunshine football baseball basketball superman batman starwars trustno1 letmein welcome
welcome123 administrator admin admin123 adminadmin changeme changeme123 default secret secret123
monkey dragon master shadow michael jennifer jordan23 whatever freedom computer internet
1234567890 0987654321 123456789 12345678 1234567 123456 111111 000000 123123 654321 666666 888888
1111111111 0000000000 123123123 987654321 112233 121212 123321 qwe123 qweasdzxc qweasd q1w2e3r4t5
q1w2e3r4 a1b2c3d4 aa123456 password1 password12 password123 password1234 passwordpassword
rampart rampart123 letmein123 hello123 helloworld loveme lovely charlie donald mustang access
flower hottie solo starwars123 ashley bailey daniel thomas hunter2 hunter killer pokemon naruto
minecraft fortnite liverpool chelsea arsenal barcelona realmadrid juventus 11111111 22222222
88888888 99999999 12341234 11223344 abcd1234 asdf1234 qazwsx qazwsxedc 147258369 159753 753951
147852369 987654321a aaaaaaaaaa abcabcabc security security123 summer2024 winter2024 spring2024`
    .split(/\s+/)
    .filter(Boolean),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email';

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `use at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `use at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'this password is one of the most common ones; choose another',
  contains_email: 'the password must not be your e-mail address',
};

/** The problem with `password` for the account `email`, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d!@#$%^&*.?_\-\s]+$/, '');
  if (COMMON.has(lower) || COMMON.has(stem) || new Set(lower).size <= 2) return 'common';
  const mail = email.toLowerCase();
  const local = mail.split('@')[0] ?? '';
  if (lower.includes(mail) || (local.length >= 4 && stem === local)) return 'contains_email';
  return undefined;
}
