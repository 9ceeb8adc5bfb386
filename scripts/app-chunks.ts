import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * The production build's chunks, grouped for a slow link (issue 24). Left to itself, the bundler cut the app into a
 * dozen chunks, six of them under 1 KB gzipped (the runtime's helpers, a hook, a text field): the login page's HTML
 * preloaded nine files, they took all six of HTTP/1.1's connections to the origin, and the start-up refresh, sent
 * once the first module had run, waited about 100 ms for one (bench/browser/boot-timeline.ts).
 *
 * Now: the page's first module and its static imports stay alone (the boot path); what the app's first render needs
 * (`src/render-app.tsx` and its static imports) is one `vendor` chunk (node_modules) and one `app` chunk (ours); each
 * route's page keeps its own chunk (issue 13: /login never loads the board's or the profile's code), and what two
 * pages share (a text field, the form's submit hook) goes into the `app` chunk instead of a chunk of its own.
 * Rolldown's runtime helpers stay a chunk of their own (429 B): the groups are never offered that module.
 */
export function appChunks(options: {
  /** The page's first module (index.html's script). */
  entry: string
  /** The module the first module imports for the app's first render. */
  app: string
  /** The module whose `import()`s are the pages' chunks (src/app/route-chunks.ts): each one's target is a page. */
  routesFrom: string
}): Plugin {
  let root = process.cwd()
  const boot = new Set<string>()
  const app = new Set<string>()
  const routeUse = new Map<string, number>()
  return {
    name: 'app-chunks',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      root = config.root
    },
    buildEnd() {
      const staticGraph = (from: string, into: Set<string>, stop: Set<string> = new Set()) => {
        const queue = [from]
        while (queue.length) {
          const id = queue.pop()!
          if (into.has(id) || stop.has(id)) continue
          into.add(id)
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []))
        }
      }
      const resolve = (file: string) => path.join(root, file)
      staticGraph(resolve(options.entry), boot)
      staticGraph(resolve(options.app), app, boot)
      const routes = this.getModuleInfo(resolve(options.routesFrom))?.dynamicallyImportedIds ?? []
      if (routes.length === 0) this.error(`app-chunks: ${options.routesFrom} imports no page`)
      for (const route of routes) {
        const graph = new Set<string>()
        staticGraph(route, graph, new Set([...boot, ...app]))
        for (const id of graph) routeUse.set(id, (routeUse.get(id) ?? 0) + 1)
      }
    },
    outputOptions(output) {
      return {
        ...output,
        codeSplitting: {
          // A group takes only the modules its test names: by default it would take their dependencies too, and
          // the first module's (the DPoP signer, the key store's IndexedDB helpers) would move into the app chunk,
          // which the first module would then import statically.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'vendor', test: (id: string) => app.has(id) && /[\\/]node_modules[\\/]/.test(id), priority: 3 },
            { name: 'app', test: (id: string) => app.has(id) || (routeUse.get(id) ?? 0) > 1, priority: 2 },
          ],
        },
      }
    },
  }
}
