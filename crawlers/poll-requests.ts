import {
  type AddRequestsBatchedResult,
  type Dictionary,
  type IRequestManager,
  Request,
  type RequestOptions,
  type RequestQueueOperationInfo,
  type RequestsLike,
  type Source,
} from '@crawlee/core';

/**
 * The requests of one poll, held in memory and handed to the crawler directly. A poll's requests live as long
 * as the poll (the frontier table is what survives a crash), so Crawlee's request queue, built to persist
 * and share requests between runs, only costs time here: storage-client calls per request, cloning, and
 * adding big batches in the background a thousand requests per second. Requests are deduplicated by their
 * unique key (URL) as the queue does.
 */
export class PollRequests implements IRequestManager {
  private readonly pending: Request[] = [];
  private readonly known = new Set<string>();
  private readonly inProgress = new Set<string>();
  private handled = 0;
  private nextId = 0;

  async isFinished(): Promise<boolean> {
    return this.pending.length === 0 && this.inProgress.size === 0;
  }

  async isEmpty(): Promise<boolean> {
    return this.pending.length === 0;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.known.size;
  }

  getPendingCount(): number {
    return this.pending.length + this.inProgress.size;
  }

  async fetchNextRequest<T extends Dictionary = Dictionary>(): Promise<Request<T> | null> {
    const request = this.pending.shift();
    if (!request) return null;
    this.inProgress.add(request.id!);
    return request as unknown as Request<T>;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (;;) {
      const request = await this.fetchNextRequest();
      if (!request) return;
      yield request;
    }
  }

  async markRequestHandled(request: Request): Promise<RequestQueueOperationInfo> {
    if (this.inProgress.delete(request.id!)) this.handled++;
    request.handledAt ??= new Date().toISOString();
    return this.info(request, true, false);
  }

  async reclaimRequest(
    request: Request,
    options: { forefront?: boolean } = {},
  ): Promise<RequestQueueOperationInfo> {
    this.inProgress.delete(request.id!);
    if (options.forefront) this.pending.unshift(request);
    else this.pending.push(request);
    return this.info(request, true, false, options.forefront);
  }

  async addRequest(
    requestLike: Source,
    options: { forefront?: boolean } = {},
  ): Promise<RequestQueueOperationInfo> {
    const request = requestLike instanceof Request ? requestLike : new Request(requestLike as RequestOptions);
    if (this.known.has(request.uniqueKey)) return this.info(request, true, false, options.forefront);
    this.known.add(request.uniqueKey);
    request.id ??= `poll-${++this.nextId}`;
    if (options.forefront) this.pending.unshift(request);
    else this.pending.push(request);
    return this.info(request, false, false, options.forefront);
  }

  async addRequestsBatched(
    requests: RequestsLike,
    options: { forefront?: boolean; maxNewRequests?: number } = {},
  ): Promise<AddRequestsBatchedResult> {
    const added: RequestQueueOperationInfo[] = [];
    let budget = options.maxNewRequests ?? Number.POSITIVE_INFINITY;
    for await (const r of requests as AsyncIterable<Source | string>) {
      if (budget <= 0) break;
      const info = await this.addRequest(typeof r === 'string' ? { url: r } : r, options);
      if (!info.wasAlreadyPresent) budget--;
      added.push(info);
    }
    return { addedRequests: added, waitForAllRequestsToBeAdded: Promise.resolve([]) };
  }

  private info(
    request: Request,
    wasAlreadyPresent: boolean,
    wasAlreadyHandled: boolean,
    forefront = false,
  ): RequestQueueOperationInfo {
    return {
      requestId: request.id!,
      uniqueKey: request.uniqueKey,
      wasAlreadyPresent,
      wasAlreadyHandled,
      forefront,
    };
  }
}
