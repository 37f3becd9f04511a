# With the service running (`kader serve --frameworks frameworks`):
curl -sS -X POST 'http://127.0.0.1:8080/api/v1/frameworks/basiskader/evaluations?stage=audit' \
  -H 'Content-Type: application/json' \
  --data-binary @samples/po-de-regenboog-certified.json
