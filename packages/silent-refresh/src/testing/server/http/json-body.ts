import { ApiError, invalidRequest } from './api-error'

export const MAX_BODY_BYTES = 64 * 1024

const tooLarge = () => new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`)

function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase()
}

function isJsonMediaType(contentType: string | null): boolean {
  return mediaType(contentType) === 'application/json'
}

/** The body's bytes as UTF-8 text: 413 over 64 KiB, 400 when it is not UTF-8. */
async function readText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge()
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge()
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw invalidRequest('The request body is not valid UTF-8')
  }
}

/** Reads a JSON object body: 415 for another media type, 413 over 64 KiB, 400 for anything that is not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  if (!isJsonMediaType(request.headers.get('content-type'))) {
    throw new ApiError(415, 'unsupported_media_type', 'The request body must be sent as Content-Type: application/json')
  }
  const text = await readText(request)
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

/**
 * Reads a form body (`application/x-www-form-urlencoded`, as an OAuth token endpoint takes): 415 for another media
 * type, 413 over 64 KiB, 400 for a field given twice. Values are strings.
 */
export async function readFormObject(request: Request): Promise<Record<string, string>> {
  if (mediaType(request.headers.get('content-type')) !== 'application/x-www-form-urlencoded') {
    throw new ApiError(415, 'unsupported_media_type', 'The request body must be sent as Content-Type: application/x-www-form-urlencoded')
  }
  const fields: Record<string, string> = {}
  for (const [name, value] of new URLSearchParams(await readText(request))) {
    if (Object.hasOwn(fields, name)) throw invalidRequest(`The form gives the field ${name} twice`)
    fields[name] = value
  }
  return fields
}
