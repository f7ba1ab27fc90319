/** Reads an environment variable where the runtime has them (Node, Bun, Deno); undefined elsewhere. */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws; treat as unset.
    return undefined;
  }
}

/** The server-side runtime and its version (Deno and Bun also expose `process.versions.node`); undefined in browsers. */
export function serverRuntime(): { name: 'deno' | 'bun' | 'node'; version: string } | undefined {
  const global = globalThis as {
    process?: { versions?: Record<string, string> };
    Deno?: { version?: { deno?: string } };
  };
  const versions = global.process?.versions;
  if (global.Deno?.version?.deno) return { name: 'deno', version: global.Deno.version.deno };
  if (versions?.bun) return { name: 'bun', version: versions.bun };
  if (versions?.node) return { name: 'node', version: versions.node };
  return undefined;
}

/** `scenario-sdk/<version> (<runtime>)` outside browsers, where a User-Agent may be set. */
export function runtimeUserAgent(version: string): string | undefined {
  const runtime = serverRuntime();
  return runtime && `scenario-sdk/${version} (${runtime.name} ${runtime.version})`;
}
