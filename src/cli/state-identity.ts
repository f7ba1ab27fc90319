/** Where the jobs or the model of a state file live: it is valid for one API and project only. */
export interface StateIdentity {
  api: string;
  projectId?: string | undefined;
}

/** Whether two state identities name the same API and project. */
export function sameApi(a: StateIdentity, b: StateIdentity): boolean {
  return a.api === b.api && a.projectId === b.projectId;
}

/** The API and project as the user reads them: `https://api.example/v1 (project proj_a)`. */
export function apiText(identity: StateIdentity): string {
  return `${identity.api}${identity.projectId ? ` (project ${identity.projectId})` : ''}`;
}
