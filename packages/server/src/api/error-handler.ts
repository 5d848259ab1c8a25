/**
 * Every API error is answered as `{ "error": { "code", "message" } }` with the status from the error
 * catalogue. Fastify's own errors (validation, body size, bad JSON) are mapped to catalogue codes; anything
 * unexpected is a 500 INTERNAL with no internals leaked.
 */

import { ERROR_CODES, type ErrorCode, RampartError } from '@rampart/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply.status(ERROR_CODES[code].status).send({ error: { code, message } });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof RampartError) {
    if (error.code === 'OVERLOADED') reply.header('retry-after', '1');
    return sendError(reply, error.code, error.message);
  }
  if (error.validation) return sendError(reply, 'INVALID_ARGUMENT', error.message);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, 'PAYLOAD_TOO_LARGE', 'request body is larger than the limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(
        reply,
        'INVALID_ARGUMENT',
        `unsupported content type '${request.headers['content-type'] ?? ''}'`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendError(reply, 'INVALID_ARGUMENT', 'request body is not valid JSON');
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return sendError(reply, 'INVALID_ARGUMENT', `malformed request: ${error.message}`);
  }
  if (error.statusCode === 415) return sendError(reply, 'INVALID_ARGUMENT', error.message);
  if (error.statusCode === 413) return sendError(reply, 'PAYLOAD_TOO_LARGE', error.message);
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 'INTERNAL', 'internal error');
}
