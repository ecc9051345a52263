import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * How the agent and the CLI authenticate to podtrail endpoints: SigV4 (service `lambda`) for Lambda
 * Function URLs with AWS_IAM auth, using the default AWS credential chain (EKS Pod Identity, IRSA,
 * env, profiles); a bearer token for local mode (`podtrail serve`).
 */
export type RequestAuth =
  | { readonly kind: 'sigv4'; readonly region: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'none' };

/** `https://<url-id>.lambda-url.<region>.on.aws` — the region is the third DNS label. */
const FUNCTION_URL_HOST = /^[a-z0-9]+\.lambda-url\.([a-z0-9-]+)\.on\.aws$/;

export function functionUrlRegion(url: URL): string | undefined {
  return FUNCTION_URL_HOST.exec(url.hostname)?.[1];
}

/** SigV4 for Function URLs, else the bearer token when one is given, else nothing. */
export function chooseAuth(url: URL, token: string | undefined): RequestAuth {
  const region = functionUrlRegion(url);
  if (region !== undefined) return { kind: 'sigv4', region };
  if (token !== undefined && token !== '') return { kind: 'bearer', token };
  return { kind: 'none' };
}

/**
 * A query string as SigV4 canonicalises it: spaces as %20, never '+', which AWS reads as a literal
 * plus when it checks the signature (a '+' in a value is already %2B here).
 */
export function signableSearch(query: URLSearchParams): string {
  return query.toString().replaceAll('+', '%20');
}

export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes to send (already gzipped when content-encoding is gzip). */
  readonly body?: Uint8Array;
}

export type CredentialProvider = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/**
 * Returns the headers to send. Sign every attempt anew: the signature covers x-amz-date and
 * expires after about five minutes.
 */
export function createAuthenticator(
  auth: RequestAuth,
  credentials: CredentialProvider = defaultProvider(),
): (request: OutgoingRequest) => Promise<Record<string, string>> {
  if (auth.kind === 'bearer') {
    return async (request) => ({ ...request.headers, authorization: `Bearer ${auth.token}` });
  }
  if (auth.kind === 'none') return async (request) => ({ ...request.headers });
  const signer = new SignatureV4({ service: 'lambda', region: auth.region, sha256: Sha256, credentials });
  return async (request) => {
    const query: Record<string, string> = {};
    request.url.searchParams.forEach((value, key) => {
      query[key] = value;
    });
    const signed = await signer.sign(
      new HttpRequest({
        protocol: request.url.protocol,
        hostname: request.url.hostname,
        method: request.method,
        path: request.url.pathname,
        query,
        // host must be signed; fetch derives the same Host from the URL.
        headers: { ...request.headers, host: request.url.host },
        ...(request.body === undefined ? {} : { body: request.body }),
      }),
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) {
      if (name !== 'host') headers[name] = value;
    }
    return headers;
  };
}
