/** Credentials of an Alibaba Cloud AccessKey pair, optionally from STS. */
export interface Credentials {
  /** The AccessKeyId (not secret). */
  accessKeyId: string;
  /** The AccessKeySecret. Kept in wasm memory only; never in an error, log or JS property. */
  accessKeySecret: string;
  /** An STS security token; sent as `SecurityToken`. */
  securityToken?: string;
}

/** Returns credentials; called before every request (for STS rotation). */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

/** Options of {@link EcsClient}. */
export interface ClientOptions {
  /** The region, e.g. `"cn-hangzhou"`; sent as `RegionId`. */
  regionId: string;
  /** Fixed credentials, or a provider called before each request. */
  credentials: Credentials | CredentialsProvider;
  /** Origin requests go to, e.g. `"http://127.0.0.1:9000"`. Default: `resolveEndpoint(regionId)`. */
  endpoint?: string;
  /** Attempts per call, 1 to 100. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** Timeout of each attempt in ms. Default 10000. */
  timeoutMs?: number;
  /** Backoff between attempts. */
  retry?: RetryOptions;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each request. Called unbound. */
  fetch?: typeof fetch;
}

/**
 * Backoff between attempts: exponential with full jitter (a random wait below a ceiling that
 * doubles after each failure), from a longer base when throttled, capped. A server
 * `Retry-After` replaces the computed wait (still capped).
 */
export interface RetryOptions {
  /** Ceiling of the first wait after a failure, in ms. Default 100. */
  baseDelayMs?: number;
  /** Ceiling of the first wait after throttling (`Throttling*` codes), in ms. Default 500. */
  throttlingBaseDelayMs?: number;
  /** No wait is longer than this, in ms. Default 10000. */
  maxDelayMs?: number;
}

/** Options of every call. */
export interface CallOptions {
  /** Cancels the in-flight request, any backoff wait and any wait for deletion at once. */
  signal?: AbortSignal;
}

/** Options of {@link EcsClient.deleteNetworkInterface}. */
export interface DeleteOptions extends CallOptions {
  /** Poll until the ENI is gone (it goes through `Deleting`). Default false. */
  waitUntilDeleted?: boolean;
  /** Give up waiting after this many ms (rejects with kind `"timeout"`). Default 120000. */
  waitTimeoutMs?: number;
}

/** The answer of `DeleteNetworkInterface`. */
export interface DeleteNetworkInterfaceResponse {
  /** The API's request ID. */
  requestId: string;
}

/** ENI states. */
export type NetworkInterfaceStatus =
  "Creating" | "Available" | "Attaching" | "InUse" | "Detaching" | "Deleting" | "CreateFailed";

/** A tag filter: the ENI must carry `key` (with `value`, when given). */
export interface TagFilter {
  key: string;
  value?: string;
}

/**
 * Filters and paging of `DescribeNetworkInterfaces`. Filters combine with AND.
 * Use either `nextToken`/`maxResults` or `pageNumber`/`pageSize`, not both.
 */
export interface DescribeNetworkInterfacesRequest {
  /** `VSwitchId`. */
  vSwitchId?: string;
  /** `VpcId`. */
  vpcId?: string;
  /** `PrimaryIpAddress`. */
  primaryIpAddress?: string;
  /** `PrivateIpAddress.N`, 1 to 100 addresses. */
  privateIpAddresses?: string[];
  /** `Ipv6Address.N`, 1 to 100 addresses. */
  ipv6Addresses?: string[];
  /** `SecurityGroupId`. */
  securityGroupId?: string;
  /** `NetworkInterfaceName`. */
  networkInterfaceName?: string;
  /** `Type`. */
  type?: "Primary" | "Secondary";
  /** `InstanceId`. */
  instanceId?: string;
  /** `NetworkInterfaceId.N`, 1 to 100 IDs. */
  networkInterfaceIds?: string[];
  /** `ServiceManaged`. */
  serviceManaged?: boolean;
  /** `Status`. */
  status?: NetworkInterfaceStatus;
  /** `Tag.N.Key` / `Tag.N.Value`, 1 to 20 tags. */
  tags?: TagFilter[];
  /** `ResourceGroupId`. */
  resourceGroupId?: string;
  /** `PageNumber`, at least 1. */
  pageNumber?: number;
  /** `PageSize`, 1 to 100. */
  pageSize?: number;
  /** `NextToken` from the previous page. */
  nextToken?: string;
  /** `MaxResults`, 1 to 500. */
  maxResults?: number;
}

/** An elastic IP address. */
export interface AssociatedPublicIp {
  publicIpAddress: string;
  allocationId?: string;
}

/** Attachment details (invitational preview in the API). */
export interface NetworkInterfaceAttachment {
  deviceIndex?: number;
  instanceId?: string;
  trunkNetworkInterfaceId?: string;
}

/** A private IP address of an ENI. */
export interface PrivateIpSet {
  privateIpAddress: string;
  primary: boolean;
  associatedPublicIp?: AssociatedPublicIp;
}

/** An IPv6 address of an ENI. */
export interface Ipv6Set {
  ipv6Address: string;
}

/** A tag of an ENI. */
export interface Tag {
  key: string;
  value: string;
}

/** One elastic network interface. */
export interface NetworkInterface {
  networkInterfaceId: string;
  networkInterfaceName?: string;
  description?: string;
  status: NetworkInterfaceStatus | (string & {});
  type: "Primary" | "Secondary" | (string & {});
  vpcId?: string;
  vSwitchId?: string;
  zoneId?: string;
  instanceId?: string;
  macAddress?: string;
  privateIpAddress?: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`. */
  creationTime?: string;
  ownerId?: string;
  resourceGroupId?: string;
  /** The API's Long, kept exact as a decimal string. */
  serviceId?: string;
  serviceManaged?: boolean;
  queueNumber?: number;
  queuePairNumber?: number;
  networkInterfaceTrafficMode?: string;
  /** Absent when the API sends `{}` or nothing. */
  associatedPublicIp?: AssociatedPublicIp;
  attachment?: NetworkInterfaceAttachment;
  privateIpSets: PrivateIpSet[];
  ipv6Sets: Ipv6Set[];
  securityGroupIds: string[];
  tags: Tag[];
}

/** One page of `DescribeNetworkInterfaces`. */
export interface DescribeNetworkInterfacesResponse {
  requestId: string;
  /** Absent or meaningless in NextToken mode. */
  totalCount?: number;
  pageNumber?: number;
  pageSize?: number;
  /** Absent (not `""`) on the last page. */
  nextToken?: string;
  networkInterfaces: NetworkInterface[];
}

/**
 * Async-iterates every ENI across pages: NextToken paging (100 per page unless `maxResults`
 * is set) unless the request sets `pageNumber`/`pageSize`. One page is fetched at a time, only
 * when needed; `break` stops fetching.
 */
export interface NetworkInterfacePaginator extends AsyncIterableIterator<NetworkInterface> {
  /** The remaining pages, whole (shares the cursor with the item iterator). */
  pages(): AsyncIterableIterator<DescribeNetworkInterfacesResponse>;
}

/** What went wrong, in one word. */
export type EcsErrorKind = "api" | "validation" | "network" | "timeout" | "aborted" | "decode";

/** Every failure of aliyun-eni rejects (or throws) with an `EcsError`. */
export declare class EcsError extends Error {
  name: "EcsError";
  /** `api`: the API answered an error; `validation`: refused before sending; `network`,
   * `timeout`, `aborted`; `decode`: the answer is not what the API sends. */
  kind: EcsErrorKind;
  /** The API's `Code` for kind `api` (e.g. `"InvalidEniId.NotFound"`), otherwise one of ours:
   * `ValidationError`, `CredentialsError`, `NetworkError`, `RequestTimeout`, `WaitTimeout`,
   * `Aborted`, `InvalidResponse`, `ResponseTooLarge`. */
  code: string;
  /** For kind `validation`: the field at fault, e.g. `"pageSize"` or `"tags[1].key"`. */
  field?: string;
  httpStatus?: number;
  requestId?: string;
  hostId?: string;
  /** The API's troubleshooting link. */
  recommend?: string;
  /** Whether trying again later could succeed. */
  retryable: boolean;
  /** How many requests were sent. */
  attempts: number;
  private constructor();
}

/** An ECS client for one region. */
export declare class EcsClient {
  /** Throws an `EcsError` of kind `validation` for bad options. */
  constructor(options: ClientOptions);
  /** One `DescribeNetworkInterfaces` call. */
  describeNetworkInterfaces(
    request?: DescribeNetworkInterfacesRequest,
    options?: CallOptions,
  ): Promise<DescribeNetworkInterfacesResponse>;
  /** Every ENI matching `request`, across pages, fetched lazily. */
  listNetworkInterfaces(request?: DescribeNetworkInterfacesRequest, options?: CallOptions): NetworkInterfacePaginator;
  /**
   * `DeleteNetworkInterface` (the ENI must be an Available Secondary ENI). With
   * `waitUntilDeleted`, resolves only once the ENI is gone.
   */
  deleteNetworkInterface(networkInterfaceId: string, options?: DeleteOptions): Promise<DeleteNetworkInterfaceResponse>;
  /**
   * Many deletes with bounded concurrency (at most `concurrency`, default 4), lowered by itself
   * while ECS throttles (halved once per throttled round) and raised again after (one step per
   * quiet round). Yields one outcome per distinct ID as each finishes; a failure is an outcome,
   * never a throw. Each ID is deleted once: a repeated ID is skipped; a call that ended
   * throttled (nothing deleted) is sent again later; the unknown-outcome rule of
   * `deleteNetworkInterface` holds per ID across those calls. A bad ID is an `ok: false`
   * outcome (kind `validation`). `signal` (or `break`) starts nothing more and cancels what is
   * in flight (`aborted` outcomes for the IDs already taken). Bad options: the first `next()`
   * rejects with kind `validation`. An `onRetry` observer (`CallOptions`) is told every retry of
   * every delete of the batch, its event with a `networkInterfaceId` added.
   */
  deleteNetworkInterfaces(
    ids: Iterable<string> | AsyncIterable<string>,
    options?: BulkDeleteOptions,
  ): BulkDeleteIterator;
  /** Releases the client's wasm memory now instead of at garbage collection. */
  free(): void;
}

/**
 * The https endpoint of ECS for `regionId`: `ecs-cn-hangzhou.aliyuncs.com` for cn-hangzhou and
 * the two finance regions, `ecs.{regionId}.aliyuncs.com` otherwise, `ecs-vpc.{regionId}...`
 * with `{ vpc: true }`.
 */
export declare function resolveEndpoint(regionId: string, options?: { vpc?: boolean }): string;

/**
 * Low-level: the signature-v1 value (base64 HMAC-SHA1) for already-flattened parameters
 * (everything but `Signature`, which is ignored if present).
 */
export declare function rpcSignature(
  params: Record<string, string>,
  accessKeySecret: string,
  method?: "GET" | "POST",
): string;

/** Options of {@link EcsClient.deleteNetworkInterfaces}. */
export interface BulkDeleteOptions extends DeleteOptions {
  /** Upper bound of deletes at once, 1 to 32. Default 4; lowered by itself while ECS throttles. */
  concurrency?: number;
  /** Called when the delete of an ID starts (again, when a throttled call is sent again). */
  onStart?: (networkInterfaceId: string) => void;
}

/** The outcome of one ID of a bulk delete. */
export type DeleteOutcome =
  | { networkInterfaceId: string; ok: true; requestId: string }
  | { networkInterfaceId: string; ok: false; error: EcsError };

/** Counters of a running bulk delete, for progress displays. */
export interface BulkDeleteStats {
  /** Calls started (an ID sent again after throttling counts again). */
  started: number;
  succeeded: number;
  failed: number;
  /** Throttled requests seen (each retry, or each call that ended throttled). */
  throttled: number;
  /** IDs sent again after a call that ended throttled. */
  requeued: number;
  /** Calls in flight now. */
  running: number;
  /** The current limit on calls in flight. */
  concurrency: number;
}

/** The iterator of {@link EcsClient.deleteNetworkInterfaces}. */
export interface BulkDeleteIterator extends AsyncIterableIterator<DeleteOutcome> {
  /** A snapshot of the counters. */
  readonly stats: BulkDeleteStats;
}

/** Options of {@link cleanupVerdict}: the age threshold and optional filters (ANDed). */
export interface CleanupOptions {
  /** Minimum age by `creationTime`, in ms. Default 3600000 (one hour). See {@link parseDuration}. */
  olderThanMs?: number;
  /** The time to measure ages against. Default `Date.now()`. */
  now?: Date | number;
  /** Tags the ENI must carry (a tag without `value` matches any value). */
  tags?: TagFilter[];
  vpcId?: string;
  vSwitchId?: string;
  zoneId?: string;
  resourceGroupId?: string;
  securityGroupId?: string;
  networkInterfaceName?: string;
}

/** Why an ENI is, or is not, a cleanup candidate. */
export type CleanupCode =
  "orphan" | "primary" | "in-use" | "service-managed" | "status" | "too-young" | "no-creation-time" | "filter";

/** The verdict of {@link cleanupVerdict}. */
export interface CleanupVerdict {
  candidate: boolean;
  /** A stable word for programs; `"orphan"` exactly when `candidate`. */
  code: CleanupCode;
  /** One short line for people, e.g. `"created 2d ago, younger than 7d"`. */
  reason: string;
}

/**
 * The orphan rule, the same in the CLI, the cleanup Worker and the admin page: a candidate is
 * Available, Secondary, not service-managed, created at least `olderThanMs` ago (default one
 * hour) and matches every filter given. Primary, InUse and service-managed ENIs are never
 * candidates, whatever the options say. Throws an `EcsError` of kind `validation` for bad options.
 */
export declare function cleanupVerdict(eni: NetworkInterface, options?: CleanupOptions): CleanupVerdict;

/**
 * A duration (`"7d"`, `"12h"`, `"90m"`, `"30s"`, `"2w"`, `"1d12h"`, or a number of ms) in ms.
 * Throws an `EcsError` of kind `validation` naming `field` otherwise.
 */
export declare function parseDuration(text: string | number, field?: string): number;
