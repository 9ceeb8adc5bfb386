import { getAdapter, type AxiosAdapter, type AxiosResponse } from 'axios'

/** A browser's cookie jar over axios's Node adapter: `Set-Cookie` kept by name, sent back under its Path. */
export function cookieJar() {
  const cookies = new Map<string, { value: string; path: string }>()
  const remember = (response: AxiosResponse | undefined) => {
    const setCookie = response?.headers['set-cookie'] ?? []
    for (const raw of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = raw.split(';').map((part: string) => part.trim())
      const [name = '', value = ''] = pair.split('=')
      const path = attributes.find((a: string) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/'
      const expired = attributes.some((a: string) => /^expires=thu, 01 jan 1970/i.test(a) || a.toLowerCase() === 'max-age=0')
      if (expired || value === '') cookies.delete(name)
      else cookies.set(name, { value, path })
    }
  }
  const http = getAdapter('http')
  const adapter: AxiosAdapter = async (config) => {
    const url = config.url ?? ''
    const full = /^https?:/.test(url) ? url : `${(config.baseURL ?? '').replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
    const path = new URL(full).pathname
    const sendable = [...cookies].filter(([, cookie]) => path === cookie.path || path.startsWith(`${cookie.path.replace(/\/+$/, '')}/`))
    if (sendable.length > 0) config.headers.set('Cookie', sendable.map(([name, cookie]) => `${name}=${cookie.value}`).join('; '))
    try {
      const response = await http(config)
      remember(response)
      return response
    } catch (error) {
      remember((error as { response?: AxiosResponse }).response)
      throw error
    }
  }
  return { adapter, value: (name: string) => cookies.get(name)?.value, set: (name: string, value: string, path = '/') => cookies.set(name, { value, path }) }
}
