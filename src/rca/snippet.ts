// `sleuth rca snippet`: the seed's `when: on_fail` step for .circleci/config.yml, with its own tip applied (only
// the last ~9 MB of the log is sent, under the 10 MiB limit) and its two rough edges smoothed: the log is read
// from a file by jq (`--rawfile`, not `--arg "$(cat …)"`, which breaks on huge logs: "Argument list too long"),
// and job_number goes in with `--argjson` so it stays an integer.

export const ON_FAIL_SNIPPET = `# Add to the job that fails, after the step that writes /tmp/build.log
# (e.g. \`set -o pipefail; pytest -q 2>&1 | tee /tmp/build.log\`).
# Needs EXLOGARE_TOKEN from a context (recommended) or a project env var.
      - run:
          name: Send failure log to Exlogare
          when: on_fail
          command: |
            command -v jq >/dev/null || (sudo apt-get update && sudo apt-get install -y jq)
            tail -c 9000000 /tmp/build.log > /tmp/build.tail.log
            jq -n \\
              --arg ps "gh/$CIRCLE_PROJECT_USERNAME/$CIRCLE_PROJECT_REPONAME" \\
              --arg wf "$CIRCLE_WORKFLOW_ID" \\
              --arg job "$CIRCLE_JOB" \\
              --argjson num "$CIRCLE_BUILD_NUM" \\
              --arg br "$CIRCLE_BRANCH" \\
              --arg sha "$CIRCLE_SHA1" \\
              --arg url "$CIRCLE_BUILD_URL" \\
              --rawfile log /tmp/build.tail.log \\
              '{project_slug:$ps, workflow_id:$wf, job_name:$job, job_number:$num, status:"failed", branch:$br, commit_sha:$sha, pipeline_url:$url, log:$log}' \\
              > /tmp/exlogare.json
            curl -fsS -X POST https://api.exlogare.net/api/ingest/circleci \\
              -H "Authorization: Bearer $EXLOGARE_TOKEN" \\
              -H "Content-Type: application/json" \\
              --data-binary @/tmp/exlogare.json

# In the workflow, give the job the context that holds EXLOGARE_TOKEN:
#   workflows:
#     ci:
#       jobs:
#         - test:
#             context: exlogare
`;
