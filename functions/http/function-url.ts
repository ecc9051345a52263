/**
 * The Lambda Function URL event and result (API Gateway payload format 2.0), the one HTTP shape
 * both handlers speak. Local mode (`podtrail serve`) builds the same events from node:http requests,
 * so there is one code path for ingest and one for queries.
 */

export interface FunctionUrlEvent {
  readonly version: '2.0';
  readonly routeKey: '$default';
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Lower-case header names; repeated headers joined with ",". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded: boolean;
  readonly requestContext: {
    readonly accountId: string;
    readonly requestId: string;
    readonly domainName: string;
    readonly http: {
      readonly method: string;
      readonly path: string;
      readonly protocol: string;
      readonly sourceIp: string;
      readonly userAgent: string;
    };
    /** Present with AWS_IAM auth (and filled by the local server after it checks the bearer token). */
    readonly authorizer?: {
      readonly iam?: {
        readonly accessKey?: string;
        readonly accountId?: string;
        readonly callerId?: string;
        /** e.g. arn:aws:sts::111122223333:assumed-role/podtrail-agent-prod/session, or `local:<name>` locally. */
        readonly userArn?: string;
        readonly userId?: string;
      };
    };
    readonly timeEpoch: number;
  };
}

export interface FunctionUrlResult {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

export type FunctionUrlHandler = (event: FunctionUrlEvent) => Promise<FunctionUrlResult>;
