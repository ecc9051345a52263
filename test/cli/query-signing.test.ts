import { describe, expect, it } from 'vitest';
import { createAuthenticator, signableSearch } from '../../agent/http-auth.js';
import { checkSigV4 } from '../ui/sigv4-check.js';

/**
 * The CLI and `podtrail ui` send a query string whose bytes are the ones SigV4 signed: a space as
 * %20. With URLSearchParams' own '+', the receiving service (which reads '+' as a plus sign) would
 * compute another canonical query and refuse the signature — for any value with a space, such as a
 * label selector `app in (web,api)`.
 */
const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('signed query strings', () => {
  it('a value with spaces and plus signs is sent as signed', async () => {
    const sign = createAuthenticator({ kind: 'sigv4', region: 'eu-west-1' }, async () => CREDENTIALS);
    const query = new URLSearchParams({ selector: 'app in (web,api),tier!=db', q: 'a+b c' });
    const url = new URL('https://abcdefghij.lambda-url.eu-west-1.on.aws/v1/pods');
    url.search = signableSearch(query);
    const headers = await sign({ method: 'GET', url, headers: { accept: 'application/json' } });
    const received = { method: 'GET', headers: { ...headers, host: url.host } };

    expect(
      checkSigV4({ ...received, target: `${url.pathname}${url.search}` }, CREDENTIALS.secretAccessKey).valid,
    ).toBe(true);
    expect(new URLSearchParams(url.search).get('selector')).toBe('app in (web,api),tier!=db');
    // What URLSearchParams alone would have sent: the same signature no longer matches.
    expect(
      checkSigV4({ ...received, target: `${url.pathname}?${query.toString()}` }, CREDENTIALS.secretAccessKey)
        .valid,
    ).toBe(false);
  });
});
