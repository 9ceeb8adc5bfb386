import { ApiError, invalidRequest } from './api-error'

export const MAX_BODY_BYTES = 64 * 1024

function isJsonMediaType(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

const tooLarge = () => new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`)

/** Reads a JSON object body: 415 for another media type, 413 over 64 KiB, 400 for anything that is not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  if (!isJsonMediaType(request.headers.get('content-type'))) {
    throw new ApiError(415, 'unsupported_media_type', 'The request body must be sent as Content-Type: application/json')
  }
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge()
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge()
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw invalidRequest('The request body is not valid UTF-8')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalidRequest(text.trim() === '' ? 'The request body is empty; a JSON object is expected' : 'The request body is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('The request body must be a JSON object')
  }
  return value as Record<string, unknown>
}
