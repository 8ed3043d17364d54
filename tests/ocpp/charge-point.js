// A real OCPP-J charge point (ocpp-rpc) driven by the integration tests through JSON lines:
// one request per line on stdin ({"id": 1, "op": "connect", ...}), one answer per line on stdout
// ({"id": 1, "status": "ok", ...}). What the central system sends on its own (calls, raw frames,
// the close) is queued, and read with the "next_*" operations, so tests await events instead of sleeping.
// Closing stdin ends the charge point politely.
'use strict';

const fs = require('node:fs');
const readline = require('node:readline');
const { RPCClient, createRPCError } = require('ocpp-rpc');

let client = null;
const handlers = new Map();          // method -> { reply } | { error: { code, description } } | { noReply: true }
const queues = { call: [], raw: [], close: [] };
const waiters = { call: [], raw: [], close: [] };

function write(answer) {
  process.stdout.write(JSON.stringify(answer) + '\n');
}

function push(kind, item) {
  const waiter = waiters[kind].shift();
  if (waiter) {
    waiter(item);
  } else {
    queues[kind].push(item);
  }
}

function next(kind, timeoutMs) {
  if (queues[kind].length > 0) {
    return Promise.resolve(queues[kind].shift());
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      const index = waiters[kind].indexOf(deliver);
      if (index >= 0) waiters[kind].splice(index, 1);
      resolve(null);
    }, timeoutMs ?? 10000);
    const deliver = (item) => { clearTimeout(timer); resolve(item); };
    waiters[kind].push(deliver);
  });
}

function describe(error) {
  return { error: error.message, code: error.code ?? null, rpcErrorCode: error.rpcErrorCode ?? null, details: error.details ?? null };
}

async function connect(request) {
  const options = {
    endpoint: request.endpoint,
    identity: request.identity,
    protocols: request.protocols ?? ['ocpp1.6'],
    strictMode: request.strictMode ?? false,
    reconnect: false,
    callTimeoutMs: request.callTimeoutMs ?? 10000,
    pingIntervalMs: request.pingIntervalMs ?? 30000,
  };
  if (request.password != null) options.password = request.password;
  if (request.headers) options.headers = request.headers;
  if (request.ca) options.wsOpts = { ca: fs.readFileSync(request.ca) };
  client = new RPCClient(options);
  client.on('message', ({ message, outbound }) => { if (!outbound) push('raw', message); });
  client.on('close', ({ code, reason }) => push('close', { code, reason: String(reason ?? '') }));
  client.on('badMessage', () => { /* reported through the raw queue */ });
  client.on('strictValidationFailure', () => { /* the server's answer is checked by the test itself */ });
  client.handle(({ method, params }) => {
    push('call', { method, params });
    const handler = handlers.get(method);
    if (!handler) throw createRPCError('NotImplemented', `simulator cannot ${method}`);
    if (handler.noReply) return new Promise(() => {});
    if (handler.error) throw createRPCError(handler.error.code, handler.error.description ?? '');
    return handler.reply;
  });
  const opened = await client.connect();
  return { protocol: client.protocol, headers: opened?.response?.headers ?? {} };
}

async function run(request) {
  switch (request.op) {
    case 'connect':
      return connect(request);
    case 'handle':
      handlers.set(request.method, request);
      return {};
    case 'call':
      try {
        return { result: await client.call(request.method, request.params ?? {}, { callTimeoutMs: request.timeoutMs }) };
      } catch (error) {
        // message: the CALLERROR's own description; rpcErrorMessage is ocpp-rpc's generic text for the code.
        if (error.rpcErrorCode) return { status: 'rpc-error', rpcErrorCode: error.rpcErrorCode, message: error.message || error.rpcErrorMessage };
        throw error;
      }
    case 'raw':
      client.sendRaw(request.message);
      return {};
    case 'next_call':
      return { call: await next('call', request.timeoutMs) };
    case 'next_raw':
      return { message: await next('raw', request.timeoutMs) };
    case 'next_close':
      return { close: await next('close', request.timeoutMs) };
    case 'close':
      return { close: await client.close({ code: request.code ?? 1000, reason: request.reason ?? 'done', awaitPending: false }) };
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    write({ id: null, status: 'error', error: `not JSON: ${error.message}` });
    return;
  }
  run(request).then(
    (answer) => write({ id: request.id, status: 'ok', ...answer }),
    (error) => write({ id: request.id, status: 'error', ...describe(error) }),
  );
});
lines.on('close', async () => {
  try {
    if (client) await client.close({ code: 1000, reason: 'test over', awaitPending: false });
  } finally {
    process.exit(0);
  }
});
