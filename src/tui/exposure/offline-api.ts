// `x` in an evidence folder: the exposure map from what the folder holds. Each job's contexts come from
// its job-details.json; the folder has no list of project env vars or of the organization's contexts, so
// those calls fail and the report says so (its gaps: "rotate everything in" each context it names).
import { ApiError } from '../../api/errors.js';
import type { Pipeline } from '../../api/types.js';
import type { ExposureApi } from '../../exposure/index.js';
import type { InvestigationSource } from '../../source/source.js';

const NOT_IN_FOLDER = 'not recorded in an evidence folder';

/** Pages of an offline source's pipelines (an evidence folder serves them in one page). */
async function allPipelines(source: InvestigationSource, q: { since?: string; until?: string }): Promise<Pipeline[]> {
  const pager = source.pipelines({ ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}) });
  const out: Pipeline[] = [];
  for (;;) {
    const page = await pager.next();
    for (const p of page.items) out.push(p);
    if (page.done) return out;
  }
}

export function offlineExposureApi(source: InvestigationSource): ExposureApi {
  return {
    project: async (slug) => ({ slug, name: null, id: null, organization_name: null, organization_slug: null, organization_id: null, vcs_info: null }),
    projectEnvVars: async () => {
      throw new Error(NOT_IN_FOLDER);
    },
    contexts: async () => {
      throw new Error(NOT_IN_FOLDER);
    },
    contextEnvVars: async () => {
      throw new Error(NOT_IN_FOLDER);
    },
    pipelines: (_slug, q) => allPipelines(source, q ?? {}),
    pipeline: (id) => source.pipelineById(id),
    workflows: (id) => source.workflows(id),
    jobs: (id) => source.jobs(id),
    jobDetails: async (_slug, n) => {
      const d = await source.jobDetails(n);
      if (!d) throw new ApiError('not-found', `job ${n} has no job-details.json in ${source.label}`);
      return d;
    },
  };
}
