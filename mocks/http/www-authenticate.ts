/** RFC 6750 §3 challenges. `error_description` may not hold `"` or `\`. */
export function bearerChallenge(error?: { code: string; description: string }): string {
  if (!error) return 'Bearer realm="api"'
  const description = error.description.replace(/["\\]/g, "'")
  return `Bearer realm="api", error="${error.code}", error_description="${description}"`
}
