import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { extractFromDocument, extractFromText } from '../../src/core/extract';
import { scanDocument } from '../../src/core/extract/document';
import { Collector, hashKey } from '../../src/core/extract/collector';
import { decodeCloudflare, parseMailto } from '../../src/core/extract/mailto';

const addresses = (text: string) => extractFromText(text).map((f) => f.address);

describe('extractFromText', () => {
  test('deduplicates case-insensitively, in order, domain lower-cased', () => {
    expect(addresses('B@X.COM a@y.org b@x.com A@Y.ORG')).toEqual(['B@x.com', 'a@y.org']);
  });
  test('different addresses that share a dedup hash are both kept', () => {
    // The dedup table keys on a 30-bit hash; these two collide, so only the comparison can tell them apart.
    expect(hashKey('u12@x.com')).toBe(hashKey('uo0@x.com'));
    expect(addresses('u12@x.com uo0@x.com U12@X.com')).toEqual(['u12@x.com', 'uo0@x.com']);
  });
  test('the scanner and the collector agree on the key of an address, whatever its case', () => {
    const collector = new Collector();
    collector.add('Jane.Doe@Contoso.com', 0);
    collector.add('Åsa@exempel.se', 1);
    for (const f of extractFromText('jane.doe@contoso.com åsa@exempel.se ÅSA@EXEMPEL.SE')) collector.add(f.address, 2);
    expect(collector.list().map((f) => f.address)).toEqual(['Jane.Doe@Contoso.com', 'Åsa@exempel.se']);
  });
  test('many addresses: the table grows and keeps page order', () => {
    const list = Array.from({ length: 5000 }, (_, i) => `person${i}@company${i % 7}.com`);
    expect(addresses([...list, ...list.map((a) => a.toUpperCase())].join(' '))).toEqual(list);
  });
  test('never a fragment: a refused mailbox character glued before the local part yields nothing', () => {
    for (const glued of [
      'c#y@fabrikam.com',
      'a|b@fabrikam.com',
      'x~jane@fabrikam.com',
      'path/jane@fabrikam.com',
      'a!b@x.com',
    ])
      expect(addresses(`Write to ${glued} today`), glued).toEqual([]);
    // Separators are not glue: these are the addresses themselves.
    expect(addresses('(jane@x.com) <sam@y.com>, "kim@z.com"; lee@w.com')).toEqual([
      'jane@x.com',
      'sam@y.com',
      'kim@z.com',
      'lee@w.com',
    ]);
  });
  test('cuts trailing punctuation and quotes', () => {
    expect(addresses('“q@contoso.com”, «g@contoso.fr», <a@contoso.com>; (p@contoso.com). e@contoso.com!')).toEqual([
      'q@contoso.com',
      'g@contoso.fr',
      'a@contoso.com',
      'p@contoso.com',
      'e@contoso.com',
    ]);
  });
  test('reads across soft hyphens and zero-width characters', () => {
    expect(addresses('j.smi\u00adth@con\u200btoso.com and a\u2060b@x\ufeff.com')).toEqual([
      'j.smith@contoso.com',
      'ab@x.com',
    ]);
  });
  test('keeps display names, quoted or not, in lists separated by , ; and new lines', () => {
    expect(extractFromText('"Last, First" <lf@x.com>, Jane Doe <jane@x.com>;\nBob <bob@x.com>\nplain@x.com')).toEqual([
      { address: 'lf@x.com', name: 'Last, First' },
      { address: 'jane@x.com', name: 'Jane Doe' },
      { address: 'bob@x.com', name: 'Bob' },
      { address: 'plain@x.com' },
    ]);
  });
  test('finds the common obfuscations, but not prose', () => {
    expect(
      addresses(
        'name [at] domain [dot] com, name2(at)domain.com, NAME3 AT DOMAIN DOT COM, n4 {at} d {dot} io, n5＠d.de',
      ),
    ).toEqual(['name@domain.com', 'name2@domain.com', 'NAME3@domain.com', 'n4@d.io', 'n5@d.de']);
    expect(addresses('Have a look at example dot com. Visit us at acme dot io.')).toEqual([]);
  });
  test('skips what is not an invitable address', () => {
    expect(
      addresses(
        'logo@2x.png icon@1.5x.jpg clip@2x.mov react@18.2.0 lib@1.2.3/dist.js @scope/pkg@1.2.3 https://user:pass@host.com ftp://u@files.com ' +
          '@handle user@localhost a@b.c foo@bar x@-bad.com trailing.@x.com cid:image001.png@01D9A1B2.C3D4E5F0',
      ),
    ).toEqual([]);
  });
  test('keeps mailto: written in text, IDN domains and Unicode local parts', () => {
    expect(addresses('mailto:kim@x.com jürgen@bücher.de info@xn--bcher-kva.de åsa@exempel.se')).toEqual([
      'kim@x.com',
      'jürgen@bücher.de',
      'info@xn--bcher-kva.de',
      'åsa@exempel.se',
    ]);
  });
  test('enforces RFC 5321 part lengths', () => {
    expect(addresses(`${'a'.repeat(64)}@x.com`)).toHaveLength(1);
    expect(addresses(`${'a'.repeat(65)}@x.com`)).toEqual([]);
    expect(addresses(`a@${'b'.repeat(64)}.com`)).toEqual([]);
  });
  test('hostile input stays bounded and finds nothing', () => {
    expect(addresses('@'.repeat(1_000_000))).toEqual([]);
    expect(addresses('.'.repeat(1_000_000))).toEqual([]);
    expect(addresses(`${'a'.repeat(100_000)}@${'b.'.repeat(25_000)}`)).toEqual([]);
    expect(addresses('a@'.repeat(300_000))).toEqual([]);
  });
});

describe('mailto and Cloudflare', () => {
  test('mailto: decoded, several recipients, cc/bcc, names', () => {
    expect(parseMailto('mailto:a@x.com,Jane%20Doe%20%3Cj@x.com%3E?cc=c@x.com&bcc=d%40x.com&subject=hi')).toEqual([
      { address: 'a@x.com' },
      { address: 'j@x.com', name: 'Jane Doe' },
      { address: 'c@x.com' },
      { address: 'd@x.com' },
    ]);
    expect(parseMailto('MAILTO:team@x.com', 'Litware team')).toEqual([{ address: 'team@x.com', name: 'Litware team' }]);
    expect(parseMailto('mailto:team@x.com', 'Email us')).toEqual([{ address: 'team@x.com' }]);
    // A stray % does not throw or lose the address (the invite form then flags the %).
    expect(parseMailto('mailto:bad%zz@x.com')).toEqual([{ address: 'bad%zz@x.com' }]);
  });
  test('Cloudflare data-cfemail', () => {
    expect(decodeCloudflare('6f020e1d0600411f00011b0a1c2f1800000b081d00190a0d0e0104410c0002')).toBe(
      'mario.pontes@woodgrovebank.com',
    );
    expect(decodeCloudflare('zz')).toBeUndefined();
  });
});

describe('extractFromDocument', () => {
  const page = (html: string) => {
    const window = new Window();
    window.document.body.innerHTML = html;
    return window.document as unknown as Document;
  };
  test('joins inline markup, breaks at blocks, skips script/style/template/noscript', () => {
    const doc = page(
      '<p><b>ana</b>@<i>contoso.com</i></p><table><tr><td>Smith</td><td>jane@x.com</td></tr></table>' +
        '<script>s@x.com</script><style>c@x.com{}</style><template>t@x.com</template><noscript>n@x.com</noscript>',
    );
    expect(extractFromDocument(doc).map((f) => f.address)).toEqual(['ana@contoso.com', 'jane@x.com']);
  });
  test('reads open shadow roots and same-origin frames in page order', () => {
    const doc = page('<p>first@x.com</p><div id="host"></div><p>last@x.com</p>');
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>shadow@x.com</span>';
    expect(extractFromDocument(doc).map((f) => f.address)).toEqual(['first@x.com', 'shadow@x.com', 'last@x.com']);
  });
  test('a page whose text has no @ still gives up what its markup holds, in order, with names', () => {
    const doc = page(
      '<p>Write to <a href="mailto:jane@contoso.com">Jane Doe</a></p><div id="host"></div>' +
        '<span data-email="bob@fabrikam.com" data-name="Bob Ray">Bob</span><input value="cc@contoso.com">' +
        '<div hidden><a href="mailto:hidden@contoso.com">Hidden</a></div>' +
        '<template><a href="mailto:template@contoso.com">T</a></template>',
    );
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a href="mailto:shadow@contoso.com">Sam Shadow</a>';
    expect(extractFromDocument(doc)).toEqual([
      { address: 'jane@contoso.com', name: 'Jane Doe' },
      { address: 'shadow@contoso.com', name: 'Sam Shadow' },
      { address: 'bob@fabrikam.com', name: 'Bob Ray' },
      { address: 'cc@contoso.com' },
    ]);
  });
  test('out of time, it says so and reports only what it read whole: nothing glued across cells', () => {
    const doc = page(
      `<table>${Array.from(
        { length: 3000 },
        (_, i) => `<tr><td>Smith</td><td>jane${i}@x.com</td><td>+1 555</td></tr>`,
      ).join('')}</table>`,
    );
    const { found, partial } = scanDocument(doc, { budgetMs: 0 });
    expect(partial).toBe(true);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(3000);
    expect(found.filter((f) => !/^jane\d+@x\.com$/.test(f.address))).toEqual([]);
  });
  test('webmail attributes carry names', () => {
    const doc = page('<span email="p@x.com" name="Pirkko K">Pirkko</span><span data-hovercard-id="h@x.com">H</span>');
    expect(extractFromDocument(doc)).toEqual([{ address: 'p@x.com', name: 'Pirkko K' }, { address: 'h@x.com' }]);
  });
});

describe('addresses crafted to collide', async () => {
  const { collidingAddresses } = await import('../support/crafted.mjs');
  const { hashKey } = await import('../../src/core/extract/collector');
  test('all hash alike, yet each is found once, and the same address in other case still counts once', () => {
    const { crafted } = collidingAddresses(3000);
    const lines = crafted.split('\n');
    expect(new Set(lines.map(hashKey)).size).toBe(1);
    const found = extractFromText(`${crafted}\n${lines.slice(0, 100).join('\n').toUpperCase()}`);
    expect(found.map((f) => f.address)).toEqual(lines);
  });
});

describe('pasted text within a time budget', async () => {
  const { extractFromTextWithin } = await import('../../src/core/extract');
  test('read in slices cut between words: the same addresses, in order; out of time, partial', () => {
    const text = Array.from({ length: 60_000 }, (_, i) => `Person ${i} <p${i}@fabrikam.com>`).join(', ');
    expect(text.length).toBeGreaterThan(3 * 256 * 1024);
    const whole = extractFromTextWithin(text, 60_000);
    expect(whole.partial).toBe(false);
    expect(whole.found).toEqual(extractFromText(text));
    const cut = extractFromTextWithin(text, 0);
    expect(cut.partial).toBe(true);
    expect(cut.found.length).toBeGreaterThan(0);
    expect(cut.found).toEqual(whole.found.slice(0, cut.found.length));
  });
});
