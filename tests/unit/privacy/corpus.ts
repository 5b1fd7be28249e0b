/**
 * The redaction corpus: lines with secrets (each must come back without any of its secrets)
 * and ordinary lines (each must come back unchanged). Token values are generated from a fixed
 * seed in the real formats, so they look like what a page logs without being real credentials.
 */

let seed = 0x5eed;
function random(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** `n` random characters of `alphabet`, always with a digit and both cases where possible. */
export function gen(n: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  if (alphabet.includes('7') && n > 4) out = `${out.slice(0, 1)}7${out.slice(2)}`;
  if (alphabet.includes('Q') && alphabet.includes('q') && n > 6) {
    out = `${out.slice(0, 3)}Qq${out.slice(5)}`;
  }
  return out;
}
const b64json = (value: object) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const JWT = `${b64json({ alg: 'RS256', kid: gen(20) })}.${b64json({
  iss: 'kubernetes/serviceaccount',
  sub: 'system:serviceaccount:payments:deployer',
})}.${gen(86, B64URL)}`;
const ARGO_JWT = `${b64json({ alg: 'HS256', typ: 'JWT' })}.${b64json({
  iss: 'argocd',
  sub: 'admin:apiKey',
  jti: gen(12),
})}.${gen(43, B64URL)}`;

const openshift = `sha256~${gen(43, B64URL)}`;
const glsa = `glsa_${gen(32)}_${gen(8, HEX)}`;
const glc = `glc_${gen(120, B64)}=`;
const grafanaKey = `${btoa(`{"k":"${gen(32)}","n":"ci","id":1}`)}`;
const hvs = `hvs.${gen(90, B64URL)}`;
const hvb = `hvb.${gen(120, B64URL)}`;
const vaultLegacy = `s.${gen(24)}`;
const akia = `AKIA${gen(16, UPPER_ALNUM)}`;
const awsSecret = gen(40, B64);
const aiza = `AIza${gen(35, B64URL)}`;
const ya29 = `ya29.${gen(120, B64URL)}`;
const azureSig = encodeURIComponent(`${gen(43, B64)}=`);
const azureKey = `${gen(86, B64)}==`;
const azureClientSecret = `${gen(3)}8Q~${gen(34, `${ALNUM}_~.-`)}`;
const ghp = `ghp_${gen(36)}`;
const gho = `gho_${gen(36)}`;
const ghs = `ghs_${gen(36)}`;
const ghu = `ghu_${gen(36)}`;
const ghr = `ghr_${gen(36)}`;
const githubPat = `github_pat_11${gen(20, UPPER_ALNUM)}_${gen(59)}`;
const glpat = `glpat-${gen(20, B64URL)}`;
const glrt = `glrt-${gen(20, B64URL)}`;
const circle = `CCIPAT_${gen(22)}_${gen(40, HEX)}`;
const circleLegacy = gen(40, HEX);
const buildkite = `bkua_${gen(40, HEX)}`;
const npm = `npm_${gen(36)}`;
const pypi = `pypi-AgEIcHlwaS5vcmc${gen(70, B64URL)}`;
const docker = `dckr_pat_${gen(27, B64URL)}`;
const slackHook = `https://hooks.slack.com/services/T${gen(8, UPPER_ALNUM)}/B${gen(10, UPPER_ALNUM)}/${gen(24)}`;
const xoxb = `xoxb-${gen(12, '0123456789')}-${gen(13, '0123456789')}-${gen(24)}`;
const xoxp = `xoxp-${gen(12, '0123456789')}-${gen(12, '0123456789')}-${gen(12, '0123456789')}-${gen(32, HEX)}`;
const discordHook = `https://discord.com/api/webhooks/${gen(18, '0123456789')}/${gen(68, B64URL)}`;
const teamsHook = `https://contoso.webhook.office.com/webhookb2/${gen(8, HEX)}-1234-4abc-8def-${gen(12, HEX)}@${gen(8, HEX)}/IncomingWebhook/${gen(32, HEX)}/${gen(8, HEX)}`;
const stripe = `sk_live_${gen(24)}`;
const stripeHook = `whsec_${gen(32)}`;
const atlassian = `ATATT3xFfGF0${gen(180, B64URL)}=${gen(8, HEX)}`;
const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${gen(60, B64)}\n${gen(64, B64)}\n-----END RSA PRIVATE KEY-----`;
const pemOpenSsh = `-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA${gen(60, B64)}\\n-----END OPENSSH PRIVATE KEY-----`;
const pemB64 = btoa(
  `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${gen(40, B64)}\n`,
);
const password = `Pa55w0rd!${gen(6)}`;
const openai = `sk-proj-${gen(48, B64URL)}`;
const hf = `hf_${gen(34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`;
const sendgrid = `SG.${gen(22, B64URL)}.${gen(43, B64URL)}`;
const digitalocean = `dop_v1_${gen(64, HEX)}`;
const tailscale = `tskey-auth-${gen(12)}-${gen(30)}`;
const databricks = `dapi${gen(32, HEX)}`;
const terraform = `${gen(14)}.atlasv1.${gen(67, B64URL)}`;
const linear = `lin_api_${gen(40)}`;
const rancher = `token-${gen(5, 'abcdefghijklmnopqrstuvwxyz0123456789')}:${gen(54, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
const oauthCode = `4/0AX4XfWh${gen(40, B64URL)}`;
const sessionId = gen(32, HEX);
const generic = `${gen(24)}`;
const telegram = `${gen(10, '0123456789')}:AA${gen(33, B64URL)}`;
const jfrog = `AKCp${gen(69)}`;
const doppler = `dp.st.${gen(43)}`;
const mailgun = `key-${gen(32, HEX)}`;
const twilio = `SK${gen(32, HEX)}`;
const ageKey = `AGE-SECRET-KEY-1${gen(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')}`;

/** `[name, line, ...secrets]`: after redaction the line contains none of the secrets. */
export const SECRET_LINES: ReadonlyArray<readonly [string, string, ...string[]]> = [
  // Kubernetes, OpenShift, Argo CD
  ['k8s service-account token in header', `Authorization: Bearer ${JWT}`, JWT],
  ['k8s token in kubeconfig YAML', `    token: ${JWT}`, JWT],
  ['k8s token in a log line', `using service account token ${JWT} for watch`, JWT],
  ['OpenShift token in header', `Authorization: Bearer ${openshift}`, openshift],
  [
    'OpenShift token in free text',
    `oc login --server=https://api.ocp.example.com:6443 with ${openshift}`,
    openshift,
  ],
  ['OpenShift token in query', `GET /api/kubernetes/apis?access_token=${openshift}`, openshift],
  [
    'OpenShift token in JSON',
    `{"kind":"OAuthAccessToken","metadata":{"name":"${openshift}"}}`,
    openshift,
  ],
  ['kubeconfig client-key-data', `    client-key-data: ${pemB64}`, pemB64],
  ['Argo CD token in cookie', `Cookie: argocd.token=${ARGO_JWT}; theme=dark`, ARGO_JWT],
  ['Argo CD token as bearer', `argocd app list --auth-token ${ARGO_JWT}`, ARGO_JWT],
  // Grafana
  ['Grafana service-account token', `Authorization: Bearer ${glsa}`, glsa],
  ['Grafana service-account token in text', `provisioning with ${glsa} failed: 401`, glsa],
  ['Grafana Cloud token', `GRAFANA_CLOUD_TOKEN ${glc}`, glc],
  ['Grafana Cloud token in env', `export GRAFANA_CLOUD_API_KEY=${glc}`, glc],
  ['Grafana legacy API key', `api key ${grafanaKey} rejected`, grafanaKey],
  // Vault
  ['Vault service token', `X-Vault-Token: ${hvs}`, hvs],
  ['Vault batch token', `vault token lookup ${hvb}`, hvb],
  ['Vault legacy token', `VAULT_TOKEN=${vaultLegacy}`, vaultLegacy],
  ['Vault legacy token in text', `renewed ${vaultLegacy} for 768h`, vaultLegacy],
  // AWS
  ['AWS access key id', `using ${akia} for s3:GetObject`, akia],
  ['AWS secret key in env', `AWS_SECRET_ACCESS_KEY=${awsSecret}`, awsSecret],
  ['AWS secret key in credentials file', `aws_secret_access_key = ${awsSecret}`, awsSecret],
  [
    'AWS secret key in JSON',
    `{"AccessKeyId":"${akia}","SecretAccessKey":"${awsSecret}"}`,
    akia,
    awsSecret,
  ],
  [
    'AWS presigned URL',
    `GET https://b.s3.amazonaws.com/k?X-Amz-Credential=${akia}%2F20261130%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=${gen(64, HEX)}&X-Amz-Security-Token=${gen(40, B64)}`,
    akia,
  ],
  // GCP
  ['GCP API key', `maps script ?key=${aiza}&callback=init`, aiza],
  ['GCP API key in text', `Firebase apiKey ${aiza} is restricted`, aiza],
  ['GCP OAuth token', `Authorization: Bearer ${ya29}`, ya29],
  ['GCP OAuth token in text', `token ${ya29} expired`, ya29],
  ['GCP refresh token', `"refresh_token": "1//0${gen(60, B64URL)}"`],
  // Azure
  [
    'Azure SAS signature',
    `GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&sig=${azureSig}`,
    azureSig,
  ],
  [
    'Azure storage connection string',
    `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${azureKey};EndpointSuffix=core.windows.net`,
    azureKey,
  ],
  [
    'Azure AccountKey in JSON',
    `{"connection":"AccountName=acct;AccountKey=${azureKey}"}`,
    azureKey,
  ],
  [
    'Azure Service Bus key',
    `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${azureKey}`,
    azureKey,
  ],
  ['Azure client secret', `client credential ${azureClientSecret} used`, azureClientSecret],
  // GitHub, GitLab
  ['GitHub PAT', `git push with ${ghp}`, ghp],
  ['GitHub OAuth token', `Authorization: token ${gho}`, gho],
  ['GitHub app token', `installation token ${ghs} issued`, ghs],
  ['GitHub user token', `{"token":"${ghu}"}`, ghu],
  ['GitHub refresh token', `refresh ${ghr}`, ghr],
  ['GitHub fine-grained PAT', `GITHUB_TOKEN=${githubPat}`, githubPat],
  ['GitLab PAT', `PRIVATE-TOKEN: ${glpat}`, glpat],
  ['GitLab runner token', `runner registered with ${glrt}`, glrt],
  ['basic-auth clone URL', `git clone https://oauth2:${glpat}@gitlab.example.com/g/r.git`, glpat],
  // CI systems and registries
  ['CircleCI personal token', `Circle-Token: ${circle}`, circle],
  [
    'CircleCI legacy token in URL',
    `GET https://circleci.com/api/v1.1/me?circle-token=${circleLegacy}`,
    circleLegacy,
  ],
  ['Buildkite token', `BUILDKITE_API_TOKEN ${buildkite}`, buildkite],
  ['npm token', `//registry.npmjs.org/:_authToken=${npm}`, npm],
  ['PyPI token', `password = ${pypi}`, pypi],
  ['PyPI token in text', `twine upload -p ${pypi}`, pypi],
  ['Docker Hub token', `docker login -u ci -p ${docker}`, docker],
  // Chat webhooks
  ['Slack webhook', `POST ${slackHook} failed: 404 no_service`, slackHook],
  ['Slack bot token', `slack client using ${xoxb}`, xoxb],
  ['Slack user token', `"token": "${xoxp}"`, xoxp],
  ['Discord webhook', `webhook ${discordHook} returned 401`, discordHook],
  ['Teams webhook', `notify ${teamsHook}`, teamsHook],
  // Payment, Atlassian, others
  ['Stripe secret key', `Stripe(${JSON.stringify(stripe)})`, stripe],
  ['Stripe webhook secret', `STRIPE_WEBHOOK_SECRET=${stripeHook}`, stripeHook],
  [
    'Atlassian API token',
    `curl -u ann@example.com:${atlassian} https://x.atlassian.net`,
    atlassian,
  ],
  ['OpenAI key', `OPENAI_API_KEY=${openai}`, openai],
  ['Hugging Face token', `hub token ${hf}`, hf],
  ['SendGrid key', `mail via ${sendgrid}`, sendgrid],
  ['DigitalOcean token', `doctl auth init -t ${digitalocean}`, digitalocean],
  ['Tailscale key', `tailscale up --authkey=${tailscale}`, tailscale],
  ['Databricks token', `DATABRICKS ${databricks}`, databricks],
  ['Terraform Cloud token', `terraform login: using ${terraform} (team)`, terraform],
  ['Terraform Cloud token at line start', terraform, terraform],
  ['Linear API key', `LINEAR ${linear}`, linear],
  [
    'URL credentials under a long scheme',
    'git+ssh://deploy:Zx9Qw2Lp7Rt5@git.example.com/repo.git',
    'Zx9Qw2Lp7Rt5',
  ],
  ['Rancher API token', `Authorization: Bearer ${rancher}`, rancher],
  ['Rancher API token in text', `cattle token ${rancher} expired`, rancher],
  [
    'Telegram bot token in a URL',
    `POST https://api.telegram.org/bot${telegram}/sendMessage failed`,
    telegram,
  ],
  ['JFrog API key in a header', `X-JFrog-Art-Api: ${jfrog}`, jfrog],
  ['Doppler service token in a log line', `doppler secrets download using ${doppler}`, doppler],
  ['Mailgun key in text', `mailgun client configured with ${mailgun}`, mailgun],
  ['Twilio API key SID in text', `twilio auth as ${twilio} failed`, twilio],
  ['age secret key in a config dump', `SOPS_AGE_KEY ${ageKey}`, ageKey],
  // Keys and JWTs
  ['PEM private key', `loaded key ${pem} ok`, 'MIIEpAIBAAKCAQEA'],
  ['OpenSSH key in JSON', `{"private_key":"${pemOpenSsh}"}`, 'b3BlbnNzaC1rZXktdjEAAAAA'],
  [
    'JWT in a URL fragment',
    `https://argocd.example.com/auth/callback#id_token=${ARGO_JWT}&state=x`,
    ARGO_JWT,
  ],
  ['basic-auth URL', `fetch https://admin:${password}@db.example.com:5432/x failed`, password],
  [
    'basic-auth URL, encoded',
    `redirect=https%3A%2F%2Fadmin%3A${encodeURIComponent(password)}%40db.example.com%2F`,
    encodeURIComponent(password),
  ],
  // Headers
  ['X-API-Key header', `X-API-Key: ${generic}`, generic],
  ['api-key header in curl', `curl -H "api-key: ${generic}" https://x`, generic],
  [
    'Authorization Basic',
    `Authorization: Basic ${btoa(`svc:${password}`)}`,
    btoa(`svc:${password}`),
  ],
  [
    'Basic credential in text',
    `proxy sent Basic ${btoa(`svc:${password}`)} upstream`,
    btoa(`svc:${password}`),
  ],
  ['Cookie header', `Cookie: JSESSIONID=${sessionId}; csrftoken=${generic}`, sessionId, generic],
  ['Set-Cookie header', `set-cookie: session=${sessionId}; Path=/; HttpOnly`, sessionId],
  ['X-Auth-Token header', `X-Auth-Token: ${generic}`, generic],
  // YAML, JSON, code, env
  ['YAML password', `  password: ${password}`, password],
  ['YAML client secret', `  client_secret: ${generic}`, generic],
  ['YAML quoted secret', `  clientSecret: "${generic}"`, generic],
  ['JSON apiKey', `{"apiKey": "${generic}", "region": "eu"}`, generic],
  ['JSON password with escapes', `{"password":"a\\"${password}"}`, password],
  ['JSON in a JS string', `body: "{\\"token\\":\\"${generic}\\"}"`, generic],
  ['code literal const', `const token = "${generic}";`, generic],
  ['code literal single quotes', `api_key='${generic}'`, generic],
  ['code literal Go', `secret := "${password}"`, password],
  ['code literal object', `{ accessToken: '${generic}' }`, generic],
  ['env line password', `DB_PASSWORD=${password}`, password],
  ['env line secret', `export JWT_SECRET=${generic}`, generic],
  ['env line pwd', `MYSQL_ROOT_PWD=${password}`, password],
  ['spring property', `spring.datasource.password=${password}`, password],
  ['CLI flag', `--client-secret=${generic}`, generic],
  // URLs in any encoding
  ['query token', `GET /api/ds/query?token=${generic}&from=now-1h`, generic],
  [
    'query access_token percent-encoded',
    `next=%2Fapi%3Faccess_token%3D${generic}%26x%3D1`,
    generic,
  ],
  ['query token double-encoded', `redirect=%252Fcb%253Ftoken%253D${generic}%2526y%253D2`, generic],
  [
    'fragment access_token',
    `https://grafana.example.com/login#access_token=${generic}&token_type=Bearer`,
    generic,
  ],
  ['OAuth code', `GET /oauth/callback?code=${oauthCode}&state=abc`, oauthCode],
  ['password in query', `POST /login?user=ann&password=${password}`, password],
  ['session id in URL', `;jsessionid=${sessionId}?x=1`, sessionId],
  ['sid', `sid=${sessionId}`, sessionId],
  ['generic key looking like a secret', `GET /v1/data?key=${generic}`, generic],
  ['auth looking like a secret', `ws://h/socket?auth=${generic}`, generic],
];

/** Lines with several secrets of different kinds. */
export const MIXED_LINES: ReadonlyArray<readonly [string, string, ...string[]]> = [
  [
    'curl with several credentials',
    `curl -H "Authorization: Bearer ${glsa}" -H "X-API-Key: ${generic}" "https://admin:${password}@g.example.com/api?token=${generic}"`,
    glsa,
    generic,
    password,
  ],
  [
    'env dump',
    `GITHUB_TOKEN=${ghp} NPM_TOKEN=${npm} AWS_ACCESS_KEY_ID=${akia} AWS_SECRET_ACCESS_KEY=${awsSecret}`,
    ghp,
    npm,
    akia,
    awsSecret,
  ],
  [
    'JSON config',
    `{"slack":"${slackHook}","vault":"${hvs}","db":{"password":"${password}"},"stripe":"${stripe}"}`,
    slackHook,
    hvs,
    password,
    stripe,
  ],
  [
    'error with token and URL',
    `Error: 401 for https://console-openshift-console.apps.ocp.example.com/api?access_token=${openshift} (Bearer ${JWT})`,
    openshift,
    JWT,
  ],
  [
    'YAML block',
    `data:\n  username: admin\n  password: ${password}\n  token: ${ghp}\n  apiKey: "${generic}"`,
    password,
    ghp,
    generic,
  ],
];

/** Lines that must come back unchanged. */
export const ORDINARY_LINES: readonly string[] = [
  "TypeError: Cannot read properties of undefined (reading 'replicas')",
  'Failed to load cluster operators: 503 Service Unavailable',
  'Error: socket hang up (code=ECONNRESET)',
  'fetch failed: code=ERR_HTTP2_PROTOCOL_ERROR',
  'process exited with code=1',
  'exit code: 137 (OOMKilled)',
  'sort by key=name, order=asc',
  'Token expires 2026-11-30',
  'Token expires at 2026-11-30T10:00:00Z; renew it in the console.',
  'token: expired',
  'Invalid token: signature mismatch',
  'password: must be at least 12 characters',
  'The password is incorrect.',
  'Basic authentication is disabled; use Bearer tokens instead.',
  'The session expired at 12:00; sign in again.',
  'session: expired',
  'request 3f2b8c1e-9d4a-4e7b-a1c2-0f9e8d7c6b5a failed',
  'x-request-id: req-500-0001',
  'x-request-id: 3f2b8c1e-9d4a-4e7b-a1c2-0f9e8d7c6b5a',
  'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7',
  'GET https://console.example.com/api/v1/namespaces/payments/pods?limit=50&continue=abc',
  'GET https://console.example.com/api/v1/namespaces/payments/secrets/db-credentials 403',
  'GET https://grafana.example.com/public/build/app.4f3a2b9c8d7e6f5a.js 404',
  'at Object.render (https://console.example.com/static/main.4f3a2b.js:12:345)',
  'at async loadDashboard (webpack:///./src/dashboard.ts:88:17)',
  'keyboard shortcut pressed: monkey=banana',
  'deployment checkout has 3 replicas; token bucket empty',
  'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'image quay.io/openshift/origin-console@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'pod/checkout-7d9f8b6c5-x2x4q in namespace payments is CrashLoopBackOff',
  'secret "db-password" not found in namespace payments',
  'secretName: db-credentials',
  'valueFrom: secretKeyRef: {name: db, key: password}',
  'automountServiceAccountToken: false',
  'kind: Secret',
  'type: kubernetes.io/service-account-token',
  'token_type=Bearer expires_in=3600',
  'pageToken=CAESBggDEJ4BGAE next page',
  'Application argocd/guestbook is OutOfSync (revision 4f3a2b9c)',
  'Grafana v11.2.0 (commit: 2a88694fd3, branch: HEAD)',
  'Vault is sealed; unseal key shares required: 3',
  'order 123456789 for customer ann@example.com',
  'Deadline: 2026-11-30 17:00 UTC; version=v4.15.2',
  'AWS region eu-central-1, bucket my-app-assets',
  'key=value pairs are not supported here',
  'auth=oidc provider=keycloak',
  'code=200 duration=35ms path=/healthz',
  'Cookie consent banner failed to render',
  'Authorization failed: user lacks the view permission',
  'https://docs.example.com/guide#session-timeouts',
  'CSP: Refused to load the script https://cdn.example.com/x.js',
  'sig=SIGTERM received, shutting down',
  '',
];
