#!/usr/bin/env bash
# One-command rollback of a deploy (docs/deploy-safely.md): every function's traffic back to its
# previous Cloud Run revision (each deploy makes a new revision; the previous ones are kept), and the
# portal's live channel back to the Hosting version released before the current one.
# usage: scripts/rollback.sh --project ID [--region REGION] [--only functions|hosting] [--dry-run]
# Needs gcloud (authenticated, with run.services.update on the project) and the Firebase CLI.
# --dry-run prints what would change and changes nothing. Rules and indexes are not rolled back:
# deploy the previous commit's firestore.rules/storage.rules for that (see the runbook).
set -euo pipefail
cd "$(dirname "$0")/.."
project=""
region="europe-west1"
only=""
dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    --project) project="$2"; shift ;;
    --region) region="$2"; shift ;;
    --only) only="$2"; shift ;;
    --dry-run) dry=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$project" ]; then
  echo "usage: scripts/rollback.sh --project ID [--region REGION] [--only functions|hosting] [--dry-run]" >&2
  exit 2
fi
firebase_cli=(npx --no-install firebase)
run() {
  if [ "$dry" = 1 ]; then echo "would run: $*"; else echo "+ $*"; "$@"; fi
}
failed=0

if [ -z "$only" ] || [ "$only" = functions ]; then
  # the 2nd-gen functions of this project are the Cloud Run services Cloud Functions manages
  services=$(gcloud run services list --project "$project" --region "$region" \
    --filter='metadata.labels.goog-managed-by=cloudfunctions' --format='value(metadata.name)')
  if [ -z "$services" ]; then
    echo "no function services in $project ($region)" >&2
    failed=1
  fi
  for service in $services; do
    # newest first; the first ready revision older than the one serving now is the previous deploy
    revisions=$(gcloud run revisions list --project "$project" --region "$region" --service "$service" \
      --sort-by='~metadata.creationTimestamp' --format='value(metadata.name)' --filter='status.conditions.type=Ready AND status.conditions.status=True')
    current=$(gcloud run services describe "$service" --project "$project" --region "$region" \
      --format='value(status.traffic[0].revisionName)')
    previous=$(printf '%s\n' $revisions | awk -v cur="$current" 'seen && NF { print; exit } $0 == cur { seen = 1 }')
    if [ -z "$previous" ]; then
      echo "$service: no revision before $current: left as it is" >&2
      failed=1
      continue
    fi
    run gcloud run services update-traffic "$service" --project "$project" --region "$region" \
      --to-revisions "$previous=100"
  done
fi

if [ -z "$only" ] || [ "$only" = hosting ]; then
  site="${TORA_HOSTING_SITE:-$project}"
  token=$(gcloud auth print-access-token)
  # the live channel's releases, newest first: the second one's version is what served before
  previous=$(curl -fsS -H "Authorization: Bearer $token" \
    "https://firebasehosting.googleapis.com/v1beta1/sites/$site/channels/live/releases?pageSize=2" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).releases??[];const v=r[1]?.version?.name;if(v)console.log(v.split("/").pop())})')
  if [ -z "$previous" ]; then
    echo "hosting: no earlier release of $site: left as it is" >&2
    failed=1
  else
    run "${firebase_cli[@]}" hosting:clone "$site@$previous" "$site:live" --project "$project"
  fi
fi

if [ "$failed" = 1 ]; then
  echo "rollback incomplete: see the lines above" >&2
  exit 1
fi
[ "$dry" = 1 ] && echo "dry run: nothing changed" || echo "rolled back; run: npm run smoke -- --project $project"
