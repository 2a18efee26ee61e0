/** The name and e-mail address a person gives when joining (invitation, passkey sign-up, staff). */
import { describe, expect, it } from 'vitest';
import { checkEmail, checkPerson } from '../../src/domain/accounts/person-rules.js';

describe('checkPerson', () => {
  it('accepts a name written with a character outside the BMP (𠮷, a surrogate pair)', () => {
    expect(checkPerson({ name: ' 𠮷田 花子 ', email: 'hanako@example.lg.jp' })).toEqual({ person: { name: '𠮷田 花子', email: 'hanako@example.lg.jp' }, problems: [] });
  });

  it('refuses a name or an address holding an unpaired surrogate, naming the field', () => {
    const { person, problems } = checkPerson({ name: '田\uD842中', email: 'ta\uDFB7naka@example.lg.jp' });
    expect(person).toBeNull();
    expect(problems.map((p) => [p.field, p.en])).toEqual([
      ['/name', 'Your name contains characters that cannot be used.'],
      ['/email', 'Enter an e-mail address such as tanaka@example.lg.jp.'],
    ]);
  });

  it('counts a name length in characters, not UTF-16 units', () => {
    expect(checkPerson({ name: '𠮷'.repeat(100), email: null }).problems).toEqual([]);
    expect(checkPerson({ name: '𠮷'.repeat(101), email: null }).problems.map((p) => p.field)).toEqual(['/name']);
  });
});

describe('checkEmail', () => {
  it('takes no address as none, and trims one', () => {
    expect(checkEmail('  ', '/email')).toEqual({ value: null, problems: [] });
    expect(checkEmail(' a@example.jp ', '/email')).toEqual({ value: 'a@example.jp', problems: [] });
  });

  it('reads an address typed in full width as the half-width one, and says 半角 when one is still not an address', () => {
    expect(checkEmail('ｏｆｆｉｃｅｒ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ', '/email')).toEqual({ value: 'officer@city.example.jp', problems: [] });
    expect(checkEmail('担当＠市役所', '/email').problems.map((p) => p.ja)).toEqual(['メールアドレスは半角の英数字と記号で入力してください（例: tanaka@example.lg.jp）。']);
    expect(checkEmail('not an address', '/email').problems.map((p) => p.ja)).toEqual(['メールアドレスの形式が正しくありません（例: tanaka@example.lg.jp）。']);
  });

  it('says how long a name too long was', () => {
    expect(checkPerson({ name: 'あ'.repeat(10_000), email: null }).problems.map((p) => p.ja)).toEqual(['お名前は100文字以内で入力してください（今は10000文字）。']);
  });
});
