import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { Validator } from '@cfworker/json-schema';
import { validateBody } from '../../src/http/validation.js';
import { choicesReason } from '../../src/http/schema-reasons.js';
import { COMPANY } from '../helpers/server.js';

/** The fields a rejected body's problem names (the validator's answer as a caller sees it). */
function rejectedFields(name: Parameters<typeof validateBody>[0], body: unknown): string[] {
  try {
    validateBody(name, body);
  } catch (error) {
    if (error instanceof DomainError) return error.fields.map((f) => f.field);
    throw error;
  }
  return [];
}

/**
 * maxLength counts code points. Bodies whose strings are all short are checked without the
 * length checks (see validation.ts); these cases sit on both sides of that shortcut.
 */
describe('validateBody: string lengths', () => {
  it('takes a vc+jwt up to the 200,000-character limit and refuses one character more', () => {
    expect(rejectedFields('verifyCredential', { verifiableCredential: 'a'.repeat(200_000) })).toEqual([]);
    expect(rejectedFields('verifyCredential', { verifiableCredential: 'a'.repeat(200_001) })).toEqual(['/verifiableCredential']);
  });

  it('counts characters, not UTF-16 units: 200 emoji fit a 200-character name, 201 do not', () => {
    expect(rejectedFields('organization', { ...COMPANY, name: '😀'.repeat(200) })).toEqual([]);
    expect(rejectedFields('organization', { ...COMPANY, name: '😀'.repeat(201) })).toEqual(['/name']);
  });

  it('refuses a long name while every other string is short, and a short name beside a long free text elsewhere', () => {
    expect(rejectedFields('organization', { ...COMPANY, name: 'あ'.repeat(201) })).toEqual(['/name']);
    expect(rejectedFields('organization', { ...COMPANY, name: 'あ'.repeat(200), city: 'い'.repeat(101) })).toEqual(['/city']);
  });
});

describe('validateBody: text no one can read', () => {
  it('refuses a record’s string of invisible characters only, or with a control character, naming each field', () => {
    expect(rejectedFields('organization', { ...COMPANY, name: '\u200b' })).toEqual(['/name']);
    expect(rejectedFields('organization', { ...COMPANY, name: '\ufeff\u2060', city: '千代田\u001b区' })).toEqual(['/name', '/city']);
    expect(rejectedFields('organization', { ...COMPANY, name: '制御\u0085文字' })).toEqual(['/name']);
    expect(rejectedFields('organization', { ...COMPANY, name: ' ', city: '\u3000\u3000' })).toEqual(['/name', '/city']);
    // A right-to-left override makes a name read as another on the verification page.
    expect(rejectedFields('organization', { ...COMPANY, name: '株式会社\u202eクーワ' })).toEqual(['/name']);
    expect(rejectedFields('declaration', { signerName: '山田\u2066太郎\u2069', signerTitle: '代表', committedOn: '2025-04-01', guidelineAreas: ['labor'] })).toEqual(['/signerName']);
  });

  it('keeps tabs and line breaks, zero-width joiners inside visible text, and leaves bodies to verify alone', () => {
    expect(rejectedFields('declaration', { signerName: '山田 太郎', signerTitle: '代表', committedOn: '2025-04-01', guidelineAreas: ['labor'], policy: '一行目\r\n二行目\tタブ' })).toEqual([]);
    expect(rejectedFields('organization', { ...COMPANY, name: '👨‍👩‍👧 株式会社' })).toEqual([]);
    expect(rejectedFields('verifyCredential', { verifiableCredential: { name: '\u0000\u200b' } })).toEqual([]);
  });
});

describe('choicesReason: a value outside a list, as the API names it', () => {
  it('lists at most 20 choices, then "…"', () => {
    const many = Array.from({ length: 25 }, (_, i) => `c${i}`);
    const reason = choicesReason({ keyword: 'enum', keywordLocation: '#/enum', instanceLocation: '#', error: `Instance does not match any of ${JSON.stringify(many)}.` });
    expect(reason?.en).toBe(`must be one of: ${many.slice(0, 20).join(', ')}, ….`);
    expect(reason?.ja).toBe(`次のいずれかを指定してください：${many.slice(0, 20).join(', ')}, …。`);
  });

  it('a form keeps its own words: validateBody names no codes unless asked', () => {
    try {
      validateBody('webhook', { url: 'https://receiver.example/hook', events: ['nope'] });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).fields[0]?.en).toBe('/events/0: not one of the allowed choices; please choose one of them.');
    }
  });
});

/**
 * The list comes from the schema at the error's keyword location, not from the validator's English:
 * a validator that words its message otherwise (or quotes values so that they cannot be read back)
 * still names every choice, through a "$ref" and a property name that must be escaped too.
 */
describe('choicesReason: the choices are the schema\'s, whatever the validator\'s message says', () => {
  const schema = {
    $id: 'https://registry.example/schemas/choices.schema.json',
    type: 'object',
    properties: {
      'a/b~c': { $ref: '#/$defs/purpose' },
      kind: { $ref: 'https://registry.example/schemas/choices.schema.json#/$defs/kind' },
    },
    $defs: {
      purpose: { enum: ['revocation', 'a, b', 'Instance does not match any of ["x"].', '"quoted"'] },
      kind: { const: 'BitstringStatusListEntry' },
    },
  };
  const errorsOf = (body: unknown) => new Validator(schema as object, '2020-12', false).validate(body).errors.filter((u) => u.keyword === 'enum' || u.keyword === 'const');

  it('reads an enum and a const behind a $ref, with the message reworded', () => {
    const [purpose, kind] = errorsOf({ 'a/b~c': 'nope', kind: 'Other' });
    expect([purpose?.keywordLocation, kind?.keywordLocation]).toEqual(['#/properties/a~1b~0c/$ref/enum', '#/properties/kind/$ref/const']);
    const reworded = (unit: typeof purpose) => ({ ...unit!, error: 'Value is not allowed.' });
    expect(choicesReason(reworded(purpose), schema)).toEqual({
      ja: '次のいずれかを指定してください：revocation, a, b, Instance does not match any of ["x"]., "quoted"。',
      en: 'must be one of: revocation, a, b, Instance does not match any of ["x"]., "quoted".',
    });
    expect(choicesReason(reworded(kind), schema)).toEqual({ ja: 'BitstringStatusListEntry を指定してください。', en: 'must be BitstringStatusListEntry.' });
  });

  it('a location that leads nowhere names no list (the generic reason stands)', () => {
    const [purpose] = errorsOf({ 'a/b~c': 'nope' });
    expect(choicesReason({ ...purpose!, keywordLocation: '#/properties/missing/enum' }, schema)).toBeNull();
    expect(choicesReason({ ...purpose!, keywordLocation: '#/properties/a~1b~0c/$ref/enum' }, { ...schema, $defs: {} })).toBeNull();
  });

  it('the API reads every schema the same way: a nested enum and a const of /credentials/status', () => {
    try {
      validateBody('updateStatus', { credentialId: 'x', credentialStatus: [{ type: 'Other', statusPurpose: 'expiry', status: true }] }, { nameChoices: true });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).fields.map((f) => [f.field, f.en])).toEqual([
        ['/credentialStatus/0/type', '/credentialStatus/0/type: must be BitstringStatusListEntry.'],
        ['/credentialStatus/0/statusPurpose', '/credentialStatus/0/statusPurpose: must be one of: revocation, suspension.'],
      ]);
    }
  });
});
