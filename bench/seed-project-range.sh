#!/usr/bin/env bash
# The incident guide's "Download step output for a project in a time range" script, extracted
# verbatim from the seed (/work/shared/seeds/000_c9de78caf975c9dd.txt) for bench/download-vs-seed.mjs.
# Only its settings come from outside: CIRCLE_HOST and CIRCLE_TOKEN from the environment (the
# guide's "Set and export"), PROJECT_SLUG VCS_SLUG AFTER OUT_DIR from the arguments (or the
# environment). Note VCS_SLUG is the v1.1 form, github/<org>/<repo>, and AFTER is compared as a
# string with created_at, so give it in the API's own format (e.g. 2026-11-19T10:00:00.000Z).
: "${CIRCLE_HOST:?export CIRCLE_HOST}" "${CIRCLE_TOKEN:?export CIRCLE_TOKEN}"
PROJECT_SLUG="${1:-${PROJECT_SLUG:?usage: seed-project-range.sh PROJECT_SLUG VCS_SLUG AFTER OUT_DIR}}"
VCS_SLUG="${2:-${VCS_SLUG:?VCS_SLUG, e.g. github/acme/payments}}"
AFTER="${3:-${AFTER:?AFTER, e.g. 2026-04-20T00:00:00Z}}"
OUT_DIR="${4:-${OUT_DIR:-circleci-output}}"
PAGE_TOKEN=""
while true; do
if [ -n "$PAGE_TOKEN" ]; then
PIPELINES_JSON=$(curl -s -G -H "Circle-Token: $CIRCLE_TOKEN" \
--data-urlencode "page-token=$PAGE_TOKEN" \
"$CIRCLE_HOST/api/v2/project/$PROJECT_SLUG/pipeline")
else
PIPELINES_JSON=$(curl -s -H "Circle-Token: $CIRCLE_TOKEN" \
"$CIRCLE_HOST/api/v2/project/$PROJECT_SLUG/pipeline")
fi
for PIPELINE_ID in $(printf '%s' "$PIPELINES_JSON" \
| jq -r --arg after "$AFTER" '.items[] | select(.created_at >= $after) | .id'); do
for WORKFLOW_ID in $(curl -s -H "Circle-Token: $CIRCLE_TOKEN" \
"$CIRCLE_HOST/api/v2/pipeline/$PIPELINE_ID/workflow" \
| jq -r '.items[].id'); do
JOBS_JSON=$(curl -s -H "Circle-Token: $CIRCLE_TOKEN" \
"$CIRCLE_HOST/api/v2/workflow/$WORKFLOW_ID/job")
for JOB_NUM in $(printf '%s' "$JOBS_JSON" | jq -r '.items[].job_number'); do
JOB_DIR="$OUT_DIR/$WORKFLOW_ID/job-$JOB_NUM"
mkdir -p "$JOB_DIR"
printf '%s' "$JOBS_JSON" \
| jq ".items[] | select(.job_number == $JOB_NUM) | {name, status, started_at, stopped_at}" \
> "$JOB_DIR/job-info.json"
BUILD_JSON=$(curl -s -H "Circle-Token: $CIRCLE_TOKEN" \
"$CIRCLE_HOST/api/v1.1/project/$VCS_SLUG/$JOB_NUM")
printf '%s' "$BUILD_JSON" \
| jq '[.steps[]?.actions[]? | {step, index, name, bash_command, start_time, end_time, exit_code, status, run_time_millis, background, parallel}]' \
> "$JOB_DIR/step-info.json"
printf '%s' "$BUILD_JSON" \
| jq -r '.steps[]?.actions[]? | select(.has_output == true) | "\(.step)\t\(.output_url)"' \
| while IFS=$'\t' read -r STEP_IDX OUTPUT_URL; do
[ -z "$OUTPUT_URL" ] && continue
curl -s "$OUTPUT_URL" | jq -r '.[].message' \
> "$JOB_DIR/step-$STEP_IDX.txt"
done
done
done
done
NEXT_TOKEN=$(printf '%s' "$PIPELINES_JSON" | jq -r '.next_page_token // empty')
[ -z "$NEXT_TOKEN" ] && break
# Pipelines are returned newest-first. Stop paging once we are fully older than AFTER.
OLDEST_ON_PAGE=$(printf '%s' "$PIPELINES_JSON" | jq -r '.items[-1].created_at // empty')
if [ -n "$OLDEST_ON_PAGE" ] && [[ "$OLDEST_ON_PAGE" < "$AFTER" ]]; then
break
fi
PAGE_TOKEN="$NEXT_TOKEN"
done
find "$OUT_DIR" -type f -exec chmod a-x {} +
echo "Done. Output saved to $OUT_DIR/"
echo "Search with: grep -r 'search-term' $OUT_DIR/"
