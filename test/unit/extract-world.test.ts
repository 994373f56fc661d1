// The extractor on text we did not write (issue 14): addresses glued to scripts written without
// spaces, never a shorter or different mailbox than the one written, Unicode as the mail system
// counts it, infrastructure names, links after links, and names written in odd ways.
import { describe, expect, test } from 'vitest';
import { extractFromText } from '../../src/core/extract';

const addresses = (text: string) => extractFromText(text).map((f) => f.address);

describe('glued to text written without spaces', () => {
  test('Chinese, Japanese and Thai around an ASCII address: the address alone', () => {
    expect(addresses('请联系jane@contoso.com了解详情')).toEqual(['jane@contoso.com']);
    expect(addresses('担当はjane@contoso.comです。')).toEqual(['jane@contoso.com']);
    expect(addresses('カタカナbob@fabrikam.co.jpカタカナ')).toEqual(['bob@fabrikam.co.jp']);
    expect(addresses('ติดต่อsomchai@example.co.thได้เลย')).toEqual(['somchai@example.co.th']);
  });
  test('after full-width punctuation', () => {
    expect(addresses('邮箱：li@contoso.cn（工作）、wang@contoso.cn。')).toEqual(['li@contoso.cn', 'wang@contoso.cn']);
  });
  test('an address in those scripts, or mixed within one part, stays whole', () => {
    expect(addresses('用户@例子.中国 と 山田@日本.jp')).toEqual(['用户@例子.中国', '山田@日本.jp']);
    expect(addresses('ส่งถึง สมชาย@ตัวอย่าง.ไทย ครับ')).toEqual(['สมชาย@ตัวอย่าง.ไทย']);
  });
});

describe('never a fragment', () => {
  test('a quoted string glued to the local part by a dot yields nothing', () => {
    expect(addresses('"x".y@contoso.com')).toEqual([]);
    expect(addresses('see "john.doe".smith@contoso.com now')).toEqual([]);
  });
  test('a - or _ glued after the domain yields nothing', () => {
    expect(addresses('jane@contoso.com_backup')).toEqual([]);
    expect(addresses('jane@contoso.com-')).toEqual([]);
    expect(addresses('jane@contoso.com- and more')).toEqual([]);
    expect(addresses('jane@contoso.com-old')).toEqual([]);
  });
  test('punctuation that ends a sentence or a list is not glue', () => {
    expect(addresses('Mail jane@contoso.com. Or sam@contoso.com, or kim@contoso.com; thanks')).toEqual([
      'jane@contoso.com',
      'sam@contoso.com',
      'kim@contoso.com',
    ]);
  });
});

describe('Unicode as the mail system counts it', () => {
  test('full-width ASCII is normalised (NFKC) and the normalised form is offered', () => {
    expect(addresses('ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toEqual(['jane@example.com']);
    expect(addresses('連絡先：ＳＡＭ．ＬＥＥ＠ＦＡＢＲＩＫＡＭ．ＣＯＭまで')).toEqual(['SAM.LEE@fabrikam.com']);
  });
  test('compatibility characters IDNA disallows in a domain are refused', () => {
    expect(addresses('jane@ex⒈com')).toEqual([]);
    expect(addresses('jane@exam℡ple.com')).toEqual([]);
  });
  test('a local part cannot begin with a combining mark', () => {
    expect(addresses('\u0301jane@contoso.com')).toEqual([]);
    // A combining mark after a letter is fine; the offered form is NFKC (é composed).
    expect(addresses('jose\u0301@contoso.com')).toEqual(['jos\u00e9@contoso.com']);
  });
  test('characters outside the Basic Multilingual Plane do not cut an address in two', () => {
    expect(addresses('𠮷野@例え.jp')).toEqual(['𠮷野@例え.jp']);
    expect(addresses('tanaka@𠮷野.jp')).toEqual(['tanaka@𠮷野.jp']);
  });
  test('the local part is at most 64 octets in UTF-8', () => {
    expect(addresses(`${'é'.repeat(32)}@contoso.com`)).toEqual([`${'é'.repeat(32)}@contoso.com`]);
    expect(addresses(`${'é'.repeat(33)}@contoso.com`)).toEqual([]);
  });
  test('labels at most 63 and the domain at most 253 octets in their punycode form', () => {
    const punycode = (domain: string) => new URL(`http://${domain}`).hostname;
    // 58 characters as written; spread accents make its punycode label longer than 63.
    const label = Array.from({ length: 58 }, (_, i) => (i % 7 === 3 ? 'äöüéèçñå'[i % 8] : 'k')).join('');
    expect(label.length).toBeLessThanOrEqual(63);
    expect(punycode(`${label}.de`).split('.')[0].length).toBeGreaterThan(63);
    expect(addresses(`jane@${label}.de`)).toEqual([]);
    expect(addresses(`jane@${'ü'.repeat(20)}.de`)).toEqual([`jane@${'ü'.repeat(20)}.de`]);
    const labels = Array.from({ length: 12 }, () => 'ü'.repeat(15)).join('.');
    expect(labels.length).toBeLessThan(253); // short as written, too long as punycode
    expect(punycode(`${labels}.de`).length).toBeGreaterThan(253);
    expect(addresses(`jane@${labels}.de`)).toEqual([]);
  });
});

describe('infrastructure names are not mailboxes', () => {
  test('.arpa, .invalid, .localhost, .local, .internal, .onion', () => {
    for (const tld of ['arpa', 'invalid', 'localhost', 'local', 'internal', 'onion'])
      expect(addresses(`admin@host.${tld}`), tld).toEqual([]);
    expect(addresses('admin@host.com')).toEqual(['admin@host.com']);
  });
});

describe('links after links', () => {
  test('a mailto link after an https link on the same line is found', () => {
    expect(addresses('[site](https://contoso.com/about)[mail](mailto:jane@contoso.com)')).toEqual(['jane@contoso.com']);
    expect(addresses('https://contoso.com/team mailto:sam@contoso.com')).toEqual(['sam@contoso.com']);
    expect(addresses('<https://contoso.com/x>, jane@contoso.com')).toEqual(['jane@contoso.com']);
  });
  test('a user:pass@host URL is still not an address', () => {
    expect(addresses('[login](https://user:pass@contoso.com/) ftp://anon:x@files.contoso.com')).toEqual([]);
  });
});

describe('names written in odd ways', () => {
  test('a name separated from its address by tabs or several spaces', () => {
    expect(extractFromText('Jane Doe\t<jane@contoso.com>\nSam Lee    <sam@contoso.com>')).toEqual([
      { address: 'jane@contoso.com', name: 'Jane Doe' },
      { address: 'sam@contoso.com', name: 'Sam Lee' },
    ]);
  });
  test('quoted names with escaped quotes', () => {
    expect(extractFromText('"Smith, \\"Bob\\" Robert" <bob@contoso.com>, "O\\"Neil" <o@contoso.com>')).toEqual([
      { address: 'bob@contoso.com', name: 'Smith, "Bob" Robert' },
      { address: 'o@contoso.com', name: 'O"Neil' },
    ]);
  });
});
