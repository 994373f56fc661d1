import { expect, test } from 'vitest';
import { toCsv } from '../../src/core/csv';

test('quotes what needs quoting and keeps formulas as text', () => {
  expect(
    toCsv([
      ['a', 'b,c', 'say "hi"', undefined, true, 3],
      ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'line\nbreak', ''],
    ]),
  ).toBe('a,"b,c","say ""hi""",,true,3\r\n"\'=HYPERLINK(""x"")",\'+1,\'-2,\'@SUM(A1),"line\nbreak",\r\n');
});
