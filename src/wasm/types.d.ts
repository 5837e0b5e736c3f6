/** Credentials of an Alibaba Cloud AccessKey pair, optionally from STS. */
export interface Credentials {
  /** The AccessKeyId (not secret). */
  accessKeyId: string;
  /** The AccessKeySecret. Kept in wasm memory only; never in an error, log or JS property. */
  accessKeySecret: string;
  /** An STS security token; sent as `SecurityToken`. */
  securityToken?: string;
  /** When temporary credentials expire, ISO 8601 UTC (`"2026-11-30T12:00:00Z"`); the
   * providers below refresh before it. */
  expiration?: string;
}

/** Returns credentials; called before every request. The providers below cache. */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

/** Options of {@link EcsClient}. */
export interface ClientOptions {
  /** The region, e.g. `"cn-hangzhou"`; sent as `RegionId`. */
  regionId: string;
  /** Fixed credentials, or a provider called before each request. Default:
   * `defaultCredentials()` (environment, OIDC, profiles, ECS RAM role, credentials URI). */
  credentials?: Credentials | CredentialsProvider;
  /**
   * Origin requests go to, e.g. `"https://ecs-vpc.cn-hangzhou.aliyuncs.com"` or a relay. Default:
   * `resolveEndpoint(regionId)`. Plain `http://` is refused (a `validation` error naming
   * `endpoint`) unless the host is loopback (`127.0.0.0/8`, `localhost`, `[::1]`) or
   * `allowInsecureHttp` is true: over plain HTTP the AccessKeyId, the STS token and the
   * signature travel in clear.
   */
  endpoint?: string;
  /** Accept a plain `http://` endpoint on any host (see `endpoint`). Default false. */
  allowInsecureHttp?: boolean;
  /** Attempts per call, 1 to 100. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** Timeout of each attempt in ms. Default 10000. */
  timeoutMs?: number;
  /** Backoff between attempts. */
  retry?: RetryOptions;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each request. Called unbound. */
  fetch?: typeof fetch;
  /**
   * The signature every request carries. Default `"ACS3-HMAC-SHA256"` (Alibaba's signature V3,
   * sent as a POST with `Authorization` and `x-acs-*` headers, as the official SDKs do);
   * `"HMAC-SHA1"` is the older scheme Alibaba's docs call V2 (a GET with a `Signature`
   * parameter). Every attempt, retries included, is signed afresh.
   */
  signatureAlgorithm?: SignatureAlgorithm;
  /**
   * The host (`host[:port]`) V3 signs for when `endpoint` is a relay that forwards to it, e.g.
   * `new URL(resolveEndpoint(regionId)).host`. Default: `endpoint`'s. V2 does not sign the host.
   */
  signingHost?: string;
}

/**
 * Backoff between attempts: exponential with full jitter (a random wait below a ceiling that
 * doubles after each failure), from a longer base when throttled, capped. A server hint
 * replaces the computed wait (still capped): `x-acs-retry-after` (ms, what ECS sends when
 * throttling) first, else `Retry-After` (seconds or an HTTP date).
 */
export interface RetryOptions {
  /** Ceiling of the first wait after a failure, in ms. Default 100. */
  baseDelayMs?: number;
  /** Ceiling of the first wait after throttling (`Throttling*` codes), in ms. Default 500. */
  throttlingBaseDelayMs?: number;
  /** No wait is longer than this, in ms. Default 10000. */
  maxDelayMs?: number;
}

/** What {@link CallOptions.onRetry} is told before each backoff wait. */
export interface RetryEvent {
  /** The number of the attempt that failed, from 1 (within this call, or this poll of a wait). */
  attempt: number;
  /** The failure's code: the API's (`"Throttling.User"`, `"ServiceUnavailable"`) or ours
   * (`"NetworkError"`, `"RequestTimeout"`, `"InvalidResponse"`). */
  code: string;
  /** Whether ECS throttled the call (`Throttling`, `Throttling.User`, `Throttling.Api`,
   * `Rejected.Throttling`, ...). */
  throttled: boolean;
  /** How long the client waits before the next attempt, in ms. */
  delayMs: number;
}

/** Options of every call. */
export interface CallOptions {
  /** Cancels the in-flight request, any backoff wait and any wait for deletion at once. */
  signal?: AbortSignal;
  /**
   * Called before each backoff wait, synchronously, with what failed and how long the client
   * waits (e.g. to lower a bulk delete's concurrency while ECS throttles). What it returns or
   * throws is ignored.
   */
  onRetry?: (event: RetryEvent) => void;
}

/** Options of {@link EcsClient.describeNetworkInterfaces} and {@link EcsClient.listNetworkInterfaces}. */
export interface ListOptions extends CallOptions {
  /**
   * Reject with an `EcsError` (kind `"validation"`, code `"ValidationError"`, `field` `"tags"` or
   * `"resourceGroupId"`) instead of flagging `capped: true` when a tag- or resource-group-filtered
   * listing reaches ECS's 1,000-ENI cap. Default false.
   */
  errorIfCapped?: boolean;
}

/** Options of {@link EcsClient.deleteNetworkInterface}. */
export interface DeleteOptions extends CallOptions {
  /** Poll until the ENI is gone (it goes through `Deleting`). Default false. */
  waitUntilDeleted?: boolean;
  /** Give up waiting after this many ms (rejects with kind `"timeout"`). Default 120000. */
  waitTimeoutMs?: number;
  /**
   * While waiting, send `DeleteNetworkInterface` again when the ENI stays `Deleting` this many
   * ms (the API's documented fix for an ENI stuck in `Deleting`); the threshold doubles after
   * each re-send, at most 3 re-sends. 1 to 600000; default 20000.
   */
  redeleteAfterMs?: number;
}

/** The answer of `DeleteNetworkInterface`. */
export interface DeleteNetworkInterfaceResponse {
  /** The API's ID of the `DeleteNetworkInterface` request (what Alibaba Cloud support asks for). */
  requestId: string;
}

/** ENI states. */
export type NetworkInterfaceStatus =
  "Creating" | "Available" | "Attaching" | "InUse" | "Detaching" | "Deleting" | "CreateFailed";

/** A tag filter: the ENI must carry `key` (with `value`, when given). */
export interface TagFilter {
  /** The tag key the ENI must carry (`Tag.N.Key`). */
  key: string;
  /** The value that key must have (`Tag.N.Value`); any value when absent. */
  value?: string;
}

/**
 * Filters and paging of `DescribeNetworkInterfaces`. Filters combine with AND. The library
 * sends only parameters the API defines (these fields, plus `RegionId` and the signature's).
 *
 * Paging: use either `nextToken`/`maxResults` or `pageNumber`/`pageSize`. The API ignores
 * `pageNumber`/`pageSize` when `nextToken` is given; rather than send a request whose paging
 * silently changes, the library refuses the mix before sending (a `validation` error naming
 * `nextToken` or `maxResults`).
 */
export interface DescribeNetworkInterfacesRequest {
  /** Only ENIs connected to this vSwitch (`VSwitchId`). */
  vSwitchId?: string;
  /** Only ENIs in this VPC (`VpcId`). */
  vpcId?: string;
  /** Only the ENI whose primary private IP address is this one (`PrimaryIpAddress`). */
  primaryIpAddress?: string;
  /** Only ENIs holding these secondary private IP addresses (`PrivateIpAddress.N`), 1 to 100. */
  privateIpAddresses?: readonly string[];
  /** Only ENIs holding these IPv6 addresses (`Ipv6Address.N`), 1 to 100. */
  ipv6Addresses?: readonly string[];
  /**
   * Only secondary ENIs in this security group (`SecurityGroupId`): the API matches secondary
   * ENIs only; find primary ENIs by security group through the instances (`DescribeInstances`).
   */
  securityGroupId?: string;
  /** Only ENIs with this name (`NetworkInterfaceName`). */
  networkInterfaceName?: string;
  /** Only primary ENIs (an instance's own) or only secondary ones (`Type`); both when absent. */
  type?: "Primary" | "Secondary";
  /** Only ENIs attached to this ECS instance (`InstanceId`). */
  instanceId?: string;
  /** Only these ENIs, by ID (`NetworkInterfaceId.N`), 1 to 100. */
  networkInterfaceIds?: readonly string[];
  /**
   * Only ENIs that an Alibaba Cloud service or a distributor manages (`true`), or only the
   * others (`false`) (`ServiceManaged`).
   */
  serviceManaged?: boolean;
  /** Only ENIs in this state (`Status`); every state when absent. */
  status?: NetworkInterfaceStatus;
  /**
   * Only ENIs carrying all these tags (`Tag.N.Key` / `Tag.N.Value`), 1 to 20. ECS shows at most
   * 1,000 ENIs to a tag-filtered query: see {@link DescribeNetworkInterfacesResponse.capped}.
   */
  tags?: readonly TagFilter[];
  /**
   * Only ENIs in this resource group (`ResourceGroupId`). ECS shows at most 1,000 ENIs to a query
   * filtered by resource group: see {@link DescribeNetworkInterfacesResponse.capped}.
   */
  resourceGroupId?: string;
  /** Which page to return, from 1 (`PageNumber`), for page-number paging. */
  pageNumber?: number;
  /** How many ENIs a page holds in page-number paging, 1 to 100 (`PageSize`; the API's default is 10). */
  pageSize?: number;
  /** Where to continue: the `nextToken` of the previous page (`NextToken`). */
  nextToken?: string;
  /** How many ENIs a page holds in NextToken paging, 1 to 500 (`MaxResults`; the API's default is 10). */
  maxResults?: number;
}

/** An elastic IP address. */
export interface AssociatedPublicIp {
  /** The public IP address. */
  publicIpAddress: string;
  /** The ID of the EIP, e.g. `eip-2ze88m67qx5z****`. */
  allocationId?: string;
}

/** Attachment details (invitational preview in the API). */
export interface NetworkInterfaceAttachment {
  /** The ENI's device index on the instance (invitational preview in the API). */
  deviceIndex?: number;
  /** The instance the ENI is attached to (invitational preview in the API). */
  instanceId?: string;
  /** The trunk ENI this ENI is attached through (invitational preview in the API). */
  trunkNetworkInterfaceId?: string;
  /** The network card the ENI is attached to. */
  networkCardIndex?: number;
}

/** A private IP address of an ENI. */
export interface PrivateIpSet {
  /** The private IP address. */
  privateIpAddress: string;
  /** Whether it is the ENI's primary private IP address. */
  primary: boolean;
  /** The elastic IP address (EIP) associated with this address; absent when there is none. */
  associatedPublicIp?: AssociatedPublicIp;
  /** The private DNS name of the address. */
  privateDnsName?: string;
}

/** An IPv6 address of an ENI. */
export interface Ipv6Set {
  /** The IPv6 address assigned to the ENI. */
  ipv6Address: string;
  /** Whether it is the ENI's primary IPv6 address. */
  primary?: boolean;
}

/** An IPv4 prefix (CIDR) assigned to an ENI. */
export interface Ipv4PrefixSet {
  /** An IPv4 prefix (CIDR block) assigned to the ENI, e.g. `192.168.1.0/28`. */
  ipv4Prefix: string;
}

/** An IPv6 prefix (CIDR) assigned to an ENI. */
export interface Ipv6PrefixSet {
  /** An IPv6 prefix (CIDR block) assigned to the ENI, e.g. `2408:4005:39c:****::/80`. */
  ipv6Prefix: string;
}

/** A tag of an ENI. */
export interface Tag {
  /** The tag key (`TagKey`). */
  key: string;
  /** The tag value (`TagValue`). */
  value: string;
}

/** One elastic network interface. */
export interface NetworkInterface {
  /** The ENI's ID, e.g. `eni-bp125p95hhdhn3ot****`. */
  networkInterfaceId: string;
  /** The ENI's name. */
  networkInterfaceName?: string;
  /** The ENI's description. */
  description?: string;
  /**
   * The ENI's state: `Creating`, `Available` (not attached), `Attaching`, `InUse` (attached),
   * `Detaching`, `Deleting` or `CreateFailed`; any other string the API may add.
   */
  status: NetworkInterfaceStatus | (string & {});
  /** `Primary` (an instance's own ENI) or `Secondary` (created on its own; the kind you can delete). */
  type: "Primary" | "Secondary" | (string & {});
  /** The VPC the ENI belongs to. */
  vpcId?: string;
  /** The vSwitch the ENI is connected to. */
  vSwitchId?: string;
  /** The zone of the ENI, e.g. `cn-hangzhou-e`. */
  zoneId?: string;
  /** The instance the ENI is attached to; absent for ENIs that other Alibaba Cloud services manage. */
  instanceId?: string;
  /** The ENI's MAC address. */
  macAddress?: string;
  /** The ENI's primary private IP address. */
  privateIpAddress?: string;
  /** When the ENI was created, UTC, `yyyy-MM-ddTHH:mm:ssZ`. */
  creationTime?: string;
  /** The ID of the Alibaba Cloud account that owns the ENI. */
  ownerId?: string;
  /** The resource group the ENI belongs to. */
  resourceGroupId?: string;
  /** The ID of the distributor the ENI belongs to: the API's Long, kept exact as a decimal string. */
  serviceId?: string;
  /** Whether an Alibaba Cloud service or a distributor manages the ENI (then you cannot delete it). */
  serviceManaged?: boolean;
  /**
   * How many queues the ENI supports: the instance type's default for a primary ENI and for an
   * attached secondary ENI never changed, the changed number once changed; absent for an
   * Available secondary ENI never changed.
   */
  queueNumber?: number;
  /** How many queue pairs the ENI supports (invitational preview in the API). */
  queuePairNumber?: number;
  /** The ENI's communication mode (invitational preview in the API). */
  networkInterfaceTrafficMode?: string;
  /** Whether the ENI is released together with the instance it is attached to. */
  deleteOnRelease?: boolean;
  /** Whether the source/destination check is on. */
  sourceDestCheck?: boolean;
  /** The elastic IP address (EIP) associated with the ENI; absent when the API sends `{}` or nothing. */
  associatedPublicIp?: AssociatedPublicIp;
  /** Attachment details (invitational preview in the API). */
  attachment?: NetworkInterfaceAttachment;
  /** The ENI's private IP addresses, the primary one included; `[]` when none is listed. */
  privateIpSets: PrivateIpSet[];
  /** The IPv6 addresses assigned to the ENI; `[]` when none. */
  ipv6Sets: Ipv6Set[];
  /** IPv4 prefixes assigned to the ENI (`[]` when none). */
  ipv4PrefixSets: Ipv4PrefixSet[];
  /** IPv6 prefixes assigned to the ENI (`[]` when none). */
  ipv6PrefixSets: Ipv6PrefixSet[];
  /** The IDs of the security groups the ENI belongs to. */
  securityGroupIds: string[];
  /** The ENI's tags; `[]` when none. */
  tags: Tag[];
}

/** One page of `DescribeNetworkInterfaces`. */
export interface DescribeNetworkInterfacesResponse {
  /** The API's ID of this request (what Alibaba Cloud support asks for). */
  requestId: string;
  /** How many ENIs match in all, for page-number paging; absent or meaningless in NextToken mode. */
  totalCount?: number;
  /** The number of this page, in page-number paging. */
  pageNumber?: number;
  /** How many ENIs a page holds, in page-number paging. */
  pageSize?: number;
  /** Pass it as `nextToken` to get the next page; absent (not `""`) on the last page. */
  nextToken?: string;
  /** The ENIs of this page. */
  networkInterfaces: NetworkInterface[];
  /**
   * Present (`true`) when the listing may be incomplete: the request filters by `tags` or
   * `resourceGroupId`, for which ECS shows at most 1,000 ENIs, and this page reached that many
   * (counted across the listing's pages, or by position in PageNumber mode) or `totalCount`
   * says at least 1,000 match. List more with ListTagResources or a narrower filter; set
   * {@link ListOptions.errorIfCapped} to get an error instead. Not an API field.
   */
  capped?: true;
}

/**
 * Async-iterates every ENI across pages: NextToken paging (100 per page unless `maxResults`
 * is set) unless the request sets `pageNumber`/`pageSize`. One page is fetched at a time, only
 * when needed; `break` stops fetching.
 */
export interface NetworkInterfacePaginator extends AsyncIterableIterator<NetworkInterface> {
  /**
   * `true` once a page of the listing came back `capped` (see
   * {@link DescribeNetworkInterfacesResponse.capped}): after iterating, check it before taking
   * the listing as complete.
   */
  readonly capped?: true;
  /** The remaining pages, whole (shares the cursor with the item iterator). */
  pages(): AsyncIterableIterator<DescribeNetworkInterfacesResponse>;
}

/** What went wrong, in one word. */
export type EcsErrorKind = "api" | "validation" | "network" | "timeout" | "aborted" | "decode" | "credentials";

/** The codes aliyun-eni gives failures that are not API errors (`kind` other than `"api"`). */
export type EcsClientErrorCode =
  | "ValidationError"
  | "CredentialsError"
  | "NetworkError"
  | "RequestTimeout"
  | "WaitTimeout"
  | "Aborted"
  | "InvalidResponse"
  | "ResponseTooLarge";

/**
 * Codes the ECS API answers `DescribeNetworkInterfaces` and `DeleteNetworkInterface` with (the
 * ones their reference lists, and the common ones of every Alibaba Cloud RPC API:
 * throttling, authentication, signature, time stamp).
 */
export type EcsApiErrorCode =
  | "InvalidEniId.NotFound"
  | "InvalidParams.EniId"
  | "InvalidOperation.InvalidEniState"
  | "InvalidOperation.InvalidEniType"
  | "InvalidOperation.EniServiceManaged"
  | "InvalidOperation.HasSlaveEniBonded"
  | "InvalidOperation.InvalidEcsState"
  | "InvalidOperation.DetachPrimaryEniNotAllowed"
  | "InvalidOperation.AvailabilityZoneMismatch"
  | "InvalidOperation.VpcMismatch"
  | "InvalidEcsId.NotFound"
  | "InvalidVSwitchId.NotFound"
  | "InvalidSecurityGroupId.NotFound"
  | "InvalidSecurityGroupId.NotVpc"
  | "InvalidInstanceID.Malformed"
  | "InvalidVpc.Empty"
  | "MaxEniCountExceeded"
  | "EniPerInstanceLimitExceeded"
  | "SecurityGroupInstanceLimitExceed"
  | "InvalidUserType.NotSupported"
  | "Abs.InvalidAccount.NotFound"
  | "Forbidden.NotSupportRAM"
  | "Forbidden.SubUser"
  | "Forbidden.RegionId"
  | "Forbidden.RAM"
  | "InvalidRegionId.MalFormed"
  | "MissingParameter"
  | "InvalidParameter"
  | "UnsupportedParameter"
  | "Throttling"
  | "Throttling.User"
  | "Throttling.Api"
  | "Rejected.Throttling"
  | "ServiceUnavailable"
  | "InternalError"
  | "SignatureDoesNotMatch"
  | "IncompleteSignature"
  | "InvalidAccessKeyId.NotFound"
  | "InvalidAccessKeyId.Inactive"
  | "InvalidSecurityToken.Expired"
  | "InvalidSecurityToken.MismatchWithAccessKey"
  | "InvalidSecurityToken.Malformed"
  | "InvalidTimeStamp.Expired"
  | "InvalidTimeStamp.Format"
  | "SignatureNonceUsed";

/**
 * `EcsError.code`: one of the known codes (so editors complete them), or any other string the
 * API may answer.
 */
export type EcsErrorCode = EcsClientErrorCode | EcsApiErrorCode | (string & {});

/** What an `EcsError` carries besides its message: the constructor's `fields`. */
export interface EcsErrorFields {
  /** What went wrong, in one word. */
  kind: EcsErrorKind;
  /** The API's `Code` for kind `api`, otherwise one of ours. */
  code: EcsErrorCode;
  /** For kind `validation`: the field at fault. */
  field?: string;
  /** The HTTP status of the answer, when there was one. */
  httpStatus?: number;
  /** The API's ID of the failed request. */
  requestId?: string;
  /** The API's `HostId`: the endpoint host that answered. */
  hostId?: string;
  /** The API's troubleshooting link. */
  recommend?: string;
  /** For kind `api`: the API's own `Message`, as sent (`message` is `"<code>: <apiMessage>"`). */
  apiMessage?: string;
  /** Whether trying again later could succeed. */
  retryable: boolean;
  /** How many requests were sent. */
  attempts: number;
}

/** The plain-object form of an `EcsError` (what `JSON.stringify` writes). */
export interface EcsErrorJSON extends EcsErrorFields {
  /** Always `"EcsError"`. */
  name: "EcsError";
  /** The error message (never a secret). */
  message: string;
}

/** Every failure of aliyun-eni rejects (or throws) with an `EcsError`. */
export declare class EcsError extends Error {
  /**
   * An error with these fields, as aliyun-eni builds it (for tests and for code that wraps the
   * client); optional fields left out are absent.
   */
  constructor(message: string, fields: EcsErrorFields);
  name: "EcsError";
  /** `api`: the API answered an error; `validation`: refused before sending; `network`,
   * `timeout`, `aborted`; `decode`: the answer is not what the API sends. */
  kind: EcsErrorKind;
  /** The API's `Code` for kind `api` (e.g. `"InvalidEniId.NotFound"`), otherwise one of ours:
   * `ValidationError`, `CredentialsError`, `NetworkError`, `RequestTimeout`, `WaitTimeout`,
   * `Aborted`, `InvalidResponse`, `ResponseTooLarge`. */
  code: EcsErrorCode;
  /** For kind `validation`: the field at fault, e.g. `"pageSize"` or `"tags[1].key"`. */
  field?: string;
  /** The HTTP status of the answer, when there was one. */
  httpStatus?: number;
  /** The API's ID of the failed request (what Alibaba Cloud support asks for). */
  requestId?: string;
  /** The API's `HostId`: the endpoint host that answered. */
  hostId?: string;
  /** The API's troubleshooting link. */
  recommend?: string;
  /** For kind `api`: the API's own `Message`, as sent (`message` is `"<code>: <apiMessage>"`). */
  apiMessage?: string;
  /** Whether trying again later could succeed. */
  retryable: boolean;
  /** How many requests were sent. */
  attempts: number;
  /** The error as a plain object: name, message and every field (what `JSON.stringify` writes). */
  toJSON(): EcsErrorJSON;
}

/** An ECS client for one region. */
export declare class EcsClient {
  /** Throws an `EcsError` of kind `validation` for bad options. */
  constructor(options: ClientOptions);
  /** One `DescribeNetworkInterfaces` call. */
  describeNetworkInterfaces(
    request?: DescribeNetworkInterfacesRequest,
    options?: ListOptions,
  ): Promise<DescribeNetworkInterfacesResponse>;
  /** Every ENI matching `request`, across pages, fetched lazily. */
  listNetworkInterfaces(request?: DescribeNetworkInterfacesRequest, options?: ListOptions): NetworkInterfacePaginator;
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
  /** The same as `free()`, so that `using ecs = new EcsClient(…)` frees it at the end of the block. */
  [Symbol.dispose](): void;
}

/**
 * Returns the https origin of the ECS API for `regionId` (no trailing slash, e.g.
 * `"https://ecs.cn-shanghai.aliyuncs.com"`), the one the official SDK resolves: its endpoint
 * map first (`https://ecs-cn-hangzhou.aliyuncs.com` for `cn-hangzhou` and the two finance
 * regions; the central `https://ecs.aliyuncs.com` for the gov, `cn-wuhan`, `cn-zhangbei`,
 * `*-inner` and `*-pop` regions), otherwise `https://ecs.{regionId}.aliyuncs.com`. With
 * `{ vpc: true }`: `https://ecs-vpc.{regionId}.aliyuncs.com`, reachable from inside a VPC only.
 * Throws an `EcsError` of kind `validation` (field `regionId`) unless `regionId` looks like a
 * region ID (lowercase letters, digits, hyphens).
 */
export declare function resolveEndpoint(regionId: string, options?: { vpc?: boolean }): string;

/**
 * Returns the IDs of the public ECS regions known to this release (a new array each call),
 * e.g. for a loop over every region. `DescribeRegions` gives the live list for an account.
 */
export declare function regionIds(): string[];

/**
 * Low-level: the signature-v1 value (base64 HMAC-SHA1) for already-flattened parameters
 * (everything but `Signature`, which is ignored if present).
 */
export declare function rpcSignature(
  params: Record<string, string>,
  accessKeySecret: string,
  method?: "GET" | "POST",
): string;

/**
 * Alibaba Cloud's two RPC signatures: `"ACS3-HMAC-SHA256"` (signature V3, the default: an
 * `Authorization` header over the method, `/`, the sorted query, the `host`, `content-type` and
 * `x-acs-*` headers and the SHA-256 of the body) and `"HMAC-SHA1"` (the older scheme Alibaba's
 * docs call V2: `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`, a `Signature` parameter).
 */
export type SignatureAlgorithm = "ACS3-HMAC-SHA256" | "HMAC-SHA1";

/** One RPC call of any Alibaba Cloud product, for {@link signRpcRequest}. */
export interface RpcRequest {
  /** Origin the request is sent to, e.g. `"https://ecs.cn-hangzhou.aliyuncs.com"` or a relay's. */
  endpoint: string;
  /** The API action, e.g. `"DescribeRegions"`, `"DetachNetworkInterface"`. */
  action: string;
  /** The API version, e.g. `"2014-05-26"` for ECS. */
  version: string;
  /**
   * The action's parameters, already flattened (`"Tag.1.Key"`, `"NetworkInterfaceId.1"`),
   * without the common ones (`Action`, `Version`, `Timestamp`, ... are refused: the signer sets
   * them). With `"HMAC-SHA1"`, `Format` defaults to `"JSON"`.
   */
  parameters?: Record<string, string>;
  /** Default `"POST"`. V3 sends the parameters in the query either way; V2 POST sends a form. */
  method?: "GET" | "POST";
  /**
   * The host (`host[:port]`) to sign for when `endpoint` is a relay that forwards to it, e.g.
   * `"ecs.cn-hangzhou.aliyuncs.com"`. Default: `endpoint`'s. Only V3 signs the host.
   */
  host?: string;
}

/** A signed request, ready for `fetch(url, { method, headers, body })` in any runtime. */
export interface SignedRequest {
  /** The full URL, query included. */
  url: string;
  method: "GET" | "POST";
  /**
   * V3: `Authorization`, the `x-acs-*` headers (the STS token travels in
   * `x-acs-security-token`) and `accept`. V2 POST: `content-type`. Never a forbidden header:
   * `Host` is signed, not sent.
   */
  headers: Record<string, string>;
  /** The form body of a V2 POST; absent otherwise. */
  body?: string;
}

/**
 * Signs any RPC call of any Alibaba Cloud product, at the current time with a fresh nonce, ready
 * for `fetch(url, { method, headers, body })`. Throws an {@link EcsError} of kind `"validation"`
 * naming the field (`request.action`, `credentials.accessKeySecret`, ...) for bad input; the
 * secret and the token never appear in it.
 */
export declare function signRpcRequest(
  request: RpcRequest,
  credentials: Credentials,
  options?: { signatureAlgorithm?: SignatureAlgorithm },
): SignedRequest;

/** Options of {@link EcsClient.deleteNetworkInterfaces}. */
export interface BulkDeleteOptions extends DeleteOptions {
  /** Upper bound of deletes at once, 1 to 32. Default 4; lowered by itself while ECS throttles. */
  concurrency?: number;
  /** Called when the delete of an ID starts (again, when a throttled call is sent again). */
  onStart?: (networkInterfaceId: string) => void;
}

/** The outcome of one ID of a bulk delete. */
export type DeleteOutcome =
  | {
      /** The ENI this outcome is about. */
      networkInterfaceId: string;
      /** `true`: ECS accepted the delete (and, with `waitUntilDeleted`, the ENI is gone). */
      ok: true;
      /** The API's ID of the `DeleteNetworkInterface` request that succeeded. */
      requestId: string;
    }
  | {
      /** The ENI this outcome is about. */
      networkInterfaceId: string;
      /** `false`: this ENI was not deleted; `error` says why. */
      ok: false;
      /** Why this ENI was not deleted. */
      error: EcsError;
    };

/** Counters of a running bulk delete, for progress displays. */
export interface BulkDeleteStats {
  /** Calls started (an ID sent again after throttling counts again). */
  started: number;
  /** IDs whose delete succeeded so far. */
  succeeded: number;
  /** IDs whose delete failed so far. */
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
  tags?: readonly TagFilter[];
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

// ---------------------------------------------------------------------------------------------
// Credentials

/**
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
 * `ALIBABA_CLOUD_SECURITY_TOKEN` from `env` (default: `process.env` where it exists). A
 * Cloudflare Worker passes its `env` (Worker secrets).
 */
export declare function fromEnv(env?: Record<string, unknown>): CredentialsProvider;

/** Options of {@link fromEcsRamRole}. */
export interface EcsRamRoleOptions {
  /** The RAM role of the instance. Default: `ALIBABA_CLOUD_ECS_METADATA`, else asked from the
   * metadata service. */
  roleName?: string;
  /** Refuse to fall back to IMDSv1 when the IMDSv2 token request fails. Default:
   * `ALIBABA_CLOUD_IMDSV1_DISABLED=true`. */
  disableImdsV1?: boolean;
  /** Origin of the metadata service. Default `"http://100.100.100.200"`. */
  endpoint?: string;
}

/**
 * The ECS instance RAM role from the instance metadata service: an IMDSv2 token
 * (`PUT /latest/api/token`) first, 1 s per request. A service that does not answer fails after
 * one timeout (no IMDSv1 attempt after it).
 */
export declare function fromEcsRamRole(options?: EcsRamRoleOptions): CredentialsProvider;

/** Options of {@link fromRamRoleArn}. */
export interface RamRoleArnOptions {
  /** What signs the `AssumeRole` call. */
  credentials: Credentials | CredentialsProvider;
  /** `acs:ram::<account>:role/<name>`. */
  roleArn: string;
  /** Default: `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `aliyun-eni-<ms>`. */
  roleSessionName?: string;
  /** A policy that narrows the role's permissions (JSON text). */
  policy?: string;
  /** 900 to 43200. Default 3600. */
  durationSeconds?: number;
  externalId?: string;
  /** STS origin. Default `"https://sts.aliyuncs.com"`, or `sts.<region>.aliyuncs.com` with
   * `ALIBABA_CLOUD_STS_REGION` (`sts-vpc.` with `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`). */
  stsEndpoint?: string;
  /** How the `AssumeRole` call is signed. Default `"ACS3-HMAC-SHA256"`. */
  signatureAlgorithm?: SignatureAlgorithm;
  /** Where `ALIBABA_CLOUD_STS_REGION` and the like are read. Default: `process.env`. */
  env?: Record<string, unknown>;
}

/** STS `AssumeRole`, signed with `credentials`; refreshed before the role's credentials expire. */
export declare function fromRamRoleArn(options: RamRoleArnOptions): CredentialsProvider;

/** Options of {@link fromOidcRoleArn}. */
export interface OidcRoleArnOptions {
  roleArn: string;
  oidcProviderArn: string;
  /** The OIDC token, or a function returning it (called at every refresh). */
  oidcToken?: string | (() => string | Promise<string>);
  /** A file holding the OIDC token, read at every refresh (Node, Deno and Bun). */
  oidcTokenFile?: string;
  roleSessionName?: string;
  policy?: string;
  /** 900 to 43200. Default 3600. */
  durationSeconds?: number;
  /** STS origin, as in {@link RamRoleArnOptions.stsEndpoint}. */
  stsEndpoint?: string;
  /** Where `ALIBABA_CLOUD_STS_REGION` and the like are read. Default: `process.env`. */
  env?: Record<string, unknown>;
}

/** STS `AssumeRoleWithOIDC` (RRSA on ACK): anonymous, with an OIDC token. */
export declare function fromOidcRoleArn(options: OidcRoleArnOptions): CredentialsProvider;

/**
 * `GET uri` (default `ALIBABA_CLOUD_CREDENTIALS_URI`), answering
 * `{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration }`.
 */
export declare function fromCredentialsUri(uri?: string): CredentialsProvider;

/**
 * Node, Deno and Bun: a profile of the aliyun CLI's `~/.aliyun/config.json` (mode `AK`,
 * `StsToken`, `RamRoleArn`, `ChainableRamRoleArn`, `EcsRamRole`, `OIDC`), else of
 * `~/.alibabacloud/credentials` (INI; `type` `access_key`, `ecs_ram_role`, `ram_role_arn`,
 * `oidc_role_arn`). `profile` default: `ALIBABA_CLOUD_PROFILE`, else the CLI's `current`, else
 * `default`. `file`: read this file instead (JSON: CLI config; otherwise INI).
 */
export declare function fromProfile(options?: { profile?: string; file?: string }): CredentialsProvider;

/** Options of {@link defaultCredentials}. */
export interface DefaultCredentialsOptions {
  /** Where the variables are read. Default: `process.env` where it exists. */
  env?: Record<string, unknown>;
  /** STS origin for the OIDC and profile sources (tests, private endpoints). */
  stsEndpoint?: string;
  /** Metadata service origin for the ECS RAM role source. */
  ecsMetadataEndpoint?: string;
}

/**
 * The official chain's order, first source present wins (and is kept): environment variables,
 * OIDC (`ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`,
 * `ALIBABA_CLOUD_OIDC_TOKEN_FILE`), the aliyun CLI's `config.json`, the credentials file, the
 * ECS RAM role (`ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` skips it), the credentials URI.
 * Sources a runtime cannot have (files in browsers and Workers, the metadata service there) are
 * skipped. The error names every source tried.
 */
export declare function defaultCredentials(options?: DefaultCredentialsOptions): CredentialsProvider;

declare global {
  interface SymbolConstructor {
    /**
     * `Symbol.dispose` (TypeScript's `esnext.disposable` lib declares it too), declared here so
     * that `EcsClient`'s `[Symbol.dispose]` type-checks with older `lib` settings.
     */
    readonly dispose: unique symbol;
  }
}
