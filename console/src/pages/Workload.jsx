import { useState } from 'preact/hooks';
import { api, enc, groupsPath } from '../api.js';
import { canManageTeam, useAccount } from '../context.js';
import { grantorsOf } from '../components/access.jsx';
import { ErrorNote, Loading, Notice, PageTitle, RestrictedBadge, formatTime, useLoad, useReady } from '../components/common.jsx';
import { GuardedButton } from '../components/guarded.jsx';
import { AccessLevel } from '../components/AccessLevel.jsx';
import { describeError } from '../errors.js';
import { latestMetric, logTime } from '../metrics.js';
import { Link } from '../router.jsx';

const ACTIONS = ['PROMOTE', 'UPDATE_AUTOSCALING', 'UPDATE_DEPLOYMENT', 'MANAGE_ENVIRONMENT'];
const BATCH = 100; // the most POST /v1/permissions/check_batch takes at once

/**
 * Which restricted actions the caller may do on each environment, from the batch dry run: one request for the whole
 * page, not one per button. A failed check leaves every action grayed out with the failure in words.
 */
async function permissionsFor(kind, id, environments, signal) {
  const field = kind === 'models' ? 'model_id' : 'chain_id';
  const checks = environments.flatMap((e) => ACTIONS.map((action) => ({ action, [field]: id, environment: e.name })));
  const answers = {};
  try {
    for (let i = 0; i < checks.length; i += BATCH) {
      const { results } = await api.post('/v1/permissions/check_batch', { checks: checks.slice(i, i + BATCH) },
        { signal, idempotent: true });
      results.forEach((r) => {
        (answers[r.environment] ||= {})[r.action] = { allowed: r.allowed, reason: r.reason };
      });
    }
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    const note = `Your permissions could not be checked, so restricted actions are unavailable. ${describeError(e, 'Checking permissions')}`;
    environments.forEach((env) => {
      answers[env.name] = Object.fromEntries(ACTIONS.map((a) => [a, { allowed: false, note }]));
    });
  }
  return answers;
}

async function loadWorkload(kind, id, signal) {
  const base = `/v1/${kind}/${enc(id)}`;
  const [workload, environments, deployments] = await Promise.all([
    api.get(base, { signal }),
    api.get(`${base}/environments`, { signal }),
    api.get(`${base}/deployments`, { signal }),
  ]);
  const [groups, permissions] = await Promise.all([
    api.get(`${groupsPath(workload.team_id)}?limit=100`, { signal }),
    permissionsFor(kind, id, environments.environments, signal),
  ]);
  return {
    workload,
    environments: environments.environments,
    deployments: deployments.deployments,
    groups: Object.fromEntries(groups.items.map((g) => [g.name, g])),
    permissions,
  };
}

/** A model's or chain's management page. */
export function Workload({ kind, id }) {
  const account = useAccount();
  const page = useLoad((signal) => loadWorkload(kind, id, signal), [kind, id]);
  const [notice, setNotice] = useState(null);
  useReady('workload', !page.loading && !!account);
  const noun = kind === 'models' ? 'model' : 'chain';
  const done = (message) => {
    setNotice(message);
    page.reload();
  };

  return (
    <section>
      <p class="crumbs"><Link href="/models">Models and chains</Link></p>
      <PageTitle>{page.data ? page.data.workload.name : `The ${noun}`}</PageTitle>
      <ErrorNote error={page.error} action={`Loading the ${noun}`} />
      {page.loading && !page.data && <Loading what={`the ${noun}`} />}
      <Notice>{notice}</Notice>
      {page.data && (
        <>
          <p class="muted">
            A {noun} of team <TeamName id={page.data.workload.team_id} />,
            created {formatTime(page.data.workload.created_at)}. Reads, logs, metrics and calls are open to every member
            of the team; the actions marked with a padlock need access to a restricted environment.
          </p>
          <h2>Environments</h2>
          <div class="environments">
            {page.data.environments.map((env) => (
              <EnvironmentCard key={env.name} kind={kind} id={id} env={env} data={page.data} onDone={done} />
            ))}
          </div>
          <AddEnvironment kind={kind} id={id} data={page.data} onDone={done} />
          <CallBox kind={kind} id={id} environments={page.data.environments} />
          <Deployments kind={kind} id={id} data={page.data} />
        </>
      )}
    </section>
  );
}

function TeamName({ id }) {
  const account = useAccount();
  return <>{account?.teams.find((t) => t.id === id)?.name || '…'}</>;
}

function describeAutoscaling(s) {
  if (!s) return '—';
  return `${s.min_replica}–${s.max_replica} replicas, concurrency target ${s.concurrency_target}, `
    + `${s.target_utilization_percentage}% utilisation, window ${s.autoscaling_window} s, scale-down delay ${s.scale_down_delay} s`;
}

function describePromotion(p) {
  if (!p) return '—';
  return `cleanup ${p.promotion_cleanup_strategy}, rolling deploy ${p.rolling_deploy ? 'on' : 'off'}, `
    + `redeploy on promotion ${p.redeploy_on_promotion ? 'on' : 'off'}, `
    + `ramp up ${p.ramp_up_while_promoting ? `over ${p.ramp_up_duration_seconds} s` : 'off'}`;
}

function EnvironmentCard({ kind, id, env, data, onDone }) {
  const [open, setOpen] = useState(null);
  const group = data.groups[env.name];
  const restricted = !!group?.manage_access?.is_restricted;
  const allowed = data.permissions[env.name] || {};
  const grantors = grantorsOf(group);
  const current = env.current_deployment;
  const noCurrent = { allowed: false, note: 'No deployment is current in this environment yet: promote one first.' };
  const toggle = (name) => setOpen(open === name ? null : name);
  const finished = (message) => {
    setOpen(null);
    onDone(message);
  };
  const props = { kind, id, env, data, onCancel: () => setOpen(null), onDone: finished };

  return (
    <article class="env card" data-environment={env.name} aria-labelledby={`env-${env.name}`}>
      <h3 id={`env-${env.name}`}>
        {env.name} {restricted ? <RestrictedBadge restricted /> : null}
      </h3>
      <dl>
        <dt>Current deployment</dt>
        <dd>{current ? `${current.name} (${current.status}, ${current.instance_type_name})` : 'none'}</dd>
        <dt>Autoscaling</dt>
        <dd>{describeAutoscaling(env.autoscaling_settings)}</dd>
        <dt>Promotion settings</dt>
        <dd>{describePromotion(env.promotion_settings)}</dd>
      </dl>
      <div class="actions" role="group" aria-label={`Actions on ${env.name}`}>
        <GuardedButton testId="promote" permission={allowed.PROMOTE} environment={env.name} grantors={grantors}
          onClick={() => toggle('promote')}>Promote</GuardedButton>
        <GuardedButton testId="autoscaling" permission={current ? allowed.UPDATE_AUTOSCALING : noCurrent}
          environment={env.name} grantors={grantors} onClick={() => toggle('autoscaling')}>Edit autoscaling</GuardedButton>
        <GuardedButton testId="deployment-settings" permission={current ? allowed.UPDATE_DEPLOYMENT : noCurrent}
          environment={env.name} grantors={grantors} onClick={() => toggle('deployment')}>Deployment settings</GuardedButton>
        <GuardedButton testId="environment-settings" permission={allowed.MANAGE_ENVIRONMENT} environment={env.name}
          grantors={grantors} onClick={() => toggle('settings')}>Environment settings</GuardedButton>
        <GuardedButton testId="delete-environment"
          permission={env.name === 'production' ? { allowed: false, note: 'The production environment cannot be deleted.' } : allowed.MANAGE_ENVIRONMENT}
          environment={env.name} grantors={grantors} onClick={() => toggle('delete')}>Delete environment</GuardedButton>
      </div>
      {open === 'promote' && <PromoteForm {...props} />}
      {open === 'autoscaling' && <AutoscalingForm {...props} />}
      {open === 'deployment' && <DeploymentSettingsForm {...props} />}
      {open === 'settings' && <EnvironmentSettingsForm {...props} />}
      {open === 'delete' && <DeleteEnvironment {...props} />}
    </article>
  );
}

/** The common frame of an action's form: submit, cancel, and the API's refusal in words. */
function ActionForm({ title, action, submitLabel, onSubmit, onCancel, onDone, children }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await onSubmit());
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-label={title}>
      <h4>{title}</h4>
      {children}
      <div class="actions">
        <button type="submit" disabled={busy}>{submitLabel}</button>
        <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
      </div>
      <ErrorNote error={error} action={action} />
    </form>
  );
}

function PromoteForm({ kind, id, env, data, onCancel, onDone }) {
  const candidates = data.deployments.filter((d) => d.id !== env.current_deployment?.id);
  const [deployment, setDeployment] = useState(candidates[0]?.id || '');
  const fieldId = `promote-${env.name}`;
  return (
    <ActionForm title={`Promote into ${env.name}`} action="Promote" submitLabel="Promote" onCancel={onCancel}
      onDone={onDone}
      onSubmit={async () => {
        const promoted = await api.post(`/v1/${kind}/${enc(id)}/environments/${enc(env.name)}/promote`, { deployment_id: deployment });
        return `Deployment ${promoted.name} is now current in ${env.name}.`;
      }}>
      <label for={fieldId}>Deployment</label>
      <select id={fieldId} required value={deployment} onChange={(e) => setDeployment(e.currentTarget.value)}>
        {candidates.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.status})</option>)}
      </select>
    </ActionForm>
  );
}

const AUTOSCALING_FIELDS = [
  ['min_replica', 'Minimum replicas'],
  ['max_replica', 'Maximum replicas'],
  ['concurrency_target', 'Concurrency target'],
  ['target_utilization_percentage', 'Target utilisation (%)'],
  ['autoscaling_window', 'Autoscaling window (s)'],
  ['scale_down_delay', 'Scale-down delay (s)'],
];

function AutoscalingForm({ kind, id, env, onCancel, onDone }) {
  const [values, setValues] = useState({ ...env.autoscaling_settings });
  const current = env.current_deployment;
  const submit = async () => {
    const settings = Object.fromEntries(AUTOSCALING_FIELDS.map(([f]) => [f, Number(values[f])]));
    if (kind === 'models') {
      await api.patch(`/v1/models/${enc(id)}/deployments/${enc(current.id)}/autoscaling_settings`, settings);
    } else {
      await api.patch(`/v1/chains/${enc(id)}/environments/${enc(env.name)}/chainlet_settings/autoscaling_settings`, {
        updates: (current.chainlets || []).map((c) => ({ chainlet_name: c.name, autoscaling_settings: settings })),
      });
    }
    return `Autoscaling of ${env.name} saved.`;
  };
  return (
    <ActionForm title={`Autoscaling of ${env.name}`} action="Changing autoscaling" submitLabel="Save autoscaling"
      onCancel={onCancel} onDone={onDone} onSubmit={submit}>
      <div class="grid">
        {AUTOSCALING_FIELDS.map(([field, label]) => (
          <label key={field}>
            {label}
            <input type="number" min="0" required value={values[field]}
              onInput={(e) => setValues({ ...values, [field]: e.currentTarget.value })} />
          </label>
        ))}
      </div>
    </ActionForm>
  );
}

function DeploymentSettingsForm({ kind, id, env, onCancel, onDone }) {
  const current = env.current_deployment;
  const [instanceType, setInstanceType] = useState(current.instance_type_name || '');
  const fieldId = `instance-${env.name}`;
  return (
    <ActionForm title={`Settings of deployment ${current.name}`} action="Changing deployment settings"
      submitLabel="Save deployment settings" onCancel={onCancel} onDone={onDone}
      onSubmit={async () => {
        await api.patch(`/v1/${kind}/${enc(id)}/deployments/${enc(current.id)}`, { instance_type: instanceType.trim() });
        return `Settings of deployment ${current.name} saved.`;
      }}>
      <label for={fieldId}>Instance type</label>
      <input id={fieldId} required value={instanceType} onInput={(e) => setInstanceType(e.currentTarget.value)} />
    </ActionForm>
  );
}

function EnvironmentSettingsForm({ kind, id, env, onCancel, onDone }) {
  const [p, setP] = useState({ ...env.promotion_settings });
  const check = (field, label) => (
    <label class="check">
      <input type="checkbox" checked={!!p[field]} onChange={(e) => setP({ ...p, [field]: e.currentTarget.checked })} />
      {label}
    </label>
  );
  return (
    <ActionForm title={`Settings of environment ${env.name}`} action="Changing environment settings"
      submitLabel="Save environment settings" onCancel={onCancel} onDone={onDone}
      onSubmit={async () => {
        await api.patch(`/v1/${kind}/${enc(id)}/environments/${enc(env.name)}`, {
          promotion_settings: { ...p, ramp_up_duration_seconds: Number(p.ramp_up_duration_seconds) },
        });
        return `Settings of environment ${env.name} saved.`;
      }}>
      {check('rolling_deploy', 'Rolling deploy')}
      {check('redeploy_on_promotion', 'Redeploy on promotion')}
      {check('ramp_up_while_promoting', 'Ramp up while promoting')}
      <label>
        Ramp-up duration (s)
        <input type="number" min="0" value={p.ramp_up_duration_seconds}
          onInput={(e) => setP({ ...p, ramp_up_duration_seconds: e.currentTarget.value })} />
      </label>
      <label>
        Cleanup of the previous deployment
        <select value={p.promotion_cleanup_strategy} onChange={(e) => setP({ ...p, promotion_cleanup_strategy: e.currentTarget.value })}>
          <option value="KEEP">Keep</option>
          <option value="SCALE_TO_ZERO">Scale to zero</option>
          <option value="DEACTIVATE">Deactivate</option>
        </select>
      </label>
    </ActionForm>
  );
}

function DeleteEnvironment({ kind, id, env, onCancel, onDone }) {
  return (
    <ActionForm title={`Delete environment ${env.name}?`} action="Deleting the environment"
      submitLabel="Delete environment" onCancel={onCancel} onDone={onDone}
      onSubmit={async () => {
        await api.delete(`/v1/${kind}/${enc(id)}/environments/${enc(env.name)}`);
        return `Environment ${env.name} deleted.`;
      }}>
      <p>The environment and its settings are removed from this {kind === 'models' ? 'model' : 'chain'}. Its deployments stay.</p>
    </ActionForm>
  );
}

/** Add environment → Create environment; a new name can be made restricted here by those who may restrict. */
function AddEnvironment({ kind, id, data, onDone }) {
  const account = useAccount();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [restricted, setRestricted] = useState(false);
  const [error, setError] = useState(null);
  const existing = data.groups[name.trim()];
  const canRestrict = canManageTeam(account, data.workload.team_id);

  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      const envName = name.trim();
      if (!existing && restricted) {
        await api.post(groupsPath(data.workload.team_id), { name: envName, manage_access: { is_restricted: true, user_ids: [] } });
      }
      await api.post(`/v1/${kind}/${enc(id)}/environments`, { name: envName });
      setOpen(false);
      setName('');
      onDone(`Environment ${envName} created.`);
    } catch (e) {
      setError(e);
    }
  };
  if (!open) {
    return <p><button type="button" onClick={() => setOpen(true)}>Add environment</button></p>;
  }
  return (
    <form class="panel" onSubmit={submit} aria-label="Add environment">
      <h3>Add environment</h3>
      <label for="add-environment-name">Name</label>
      <input id="add-environment-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      {existing ? (
        <p>
          “{existing.name}” is already an environment of the team: <RestrictedBadge restricted={existing.manage_access.is_restricted} />
        </p>
      ) : (
        <AccessLevel name="add-environment-access" restricted={restricted} canRestrict={canRestrict} onChange={setRestricted} />
      )}
      {!existing && restricted && (
        <p class="hint">
          Grant users afterwards in <Link href={`/settings/environments?team=${enc(data.workload.team_id)}`}>Settings → Environments</Link>.
        </p>
      )}
      <div class="actions">
        <button type="submit">Create environment</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <ErrorNote error={error} action="Creating the environment" />
    </form>
  );
}

function CallBox({ kind, id, environments }) {
  const [env, setEnv] = useState(environments.find((e) => e.name === 'production')?.name || environments[0]?.name);
  const [input, setInput] = useState('{"prompt": "hello"}');
  const [output, setOutput] = useState(null);
  const [error, setError] = useState(null);
  const call = kind === 'models' ? 'predict' : 'run_remote';
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    setOutput(null);
    let body;
    try {
      body = JSON.parse(input);
    } catch (e) {
      setError(`The input is not valid JSON: ${e.message}`);
      return;
    }
    try {
      setOutput(await api.post(`/v1/${kind}/${enc(id)}/environments/${enc(env)}/${call}`, body));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="call-title" data-testid="call-box">
      <h2 id="call-title">Call {kind === 'models' ? 'model' : 'chain'}</h2>
      <label for="call-environment">Environment</label>
      <select id="call-environment" value={env} onChange={(e) => setEnv(e.currentTarget.value)}>
        {environments.map((e) => <option key={e.name} value={e.name}>{e.name}</option>)}
      </select>
      <label for="call-input">Input (JSON)</label>
      <textarea id="call-input" rows={3} value={input} onInput={(e) => setInput(e.currentTarget.value)} />
      <button type="submit">Call {kind === 'models' ? 'model' : 'chain'}</button>
      <ErrorNote error={error} action="The call" />
      {output && <pre data-testid="call-output" role="status">{JSON.stringify(output, null, 2)}</pre>}
    </form>
  );
}

/** A deployment's current metrics (Baseten's GetModelMetricsResponseV1), with the replica bounds it scales within. */
function Metrics({ metrics, scaling }) {
  const value = (name, labels) => latestMetric(metrics, name, labels) ?? 'no data';
  const latency = (quantile) => {
    const seconds = latestMetric(metrics, 'baseten_end_to_end_response_time_seconds', { quantile });
    return seconds === null ? 'no data' : `${Math.round(seconds * 1000)} ms`;
  };
  return (
    <dl data-testid="metrics">
      <dt>Replicas active</dt>
      <dd>{value('baseten_replicas_active')}{scaling && ` (min ${scaling.min_replica}, max ${scaling.max_replica})`}</dd>
      <dt>Requests</dt><dd>{value('baseten_inference_requests_total')}</dd>
      <dt>Latency p50 / p99</dt><dd>{latency('0.5')} / {latency('0.99')}</dd>
      <dt>At</dt><dd>{formatTime(metrics.end_epoch_millis)}</dd>
    </dl>
  );
}

function Deployments({ kind, id, data }) {
  const production = data.environments.find((e) => e.name === 'production')?.current_deployment;
  const [selected, setSelected] = useState(production?.id || data.deployments[0]?.id || null);
  const base = `/v1/${kind}/${enc(id)}/deployments`;
  const detail = useLoad(async (signal) => {
    if (!selected) return null;
    const [logs, metrics] = await Promise.all([
      api.get(`${base}/${enc(selected)}/logs`, { signal }),
      api.get(`${base}/${enc(selected)}/metrics`, { signal }),
    ]);
    return { logs, metrics };
  }, [selected]);
  return (
    <section aria-labelledby="deployments-title">
      <h2 id="deployments-title">Deployments</h2>
      <table class="list" data-testid="deployments">
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Current in</th><th scope="col">Instance</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Logs and metrics</span></th></tr>
        </thead>
        <tbody>
          {data.deployments.map((d) => (
            <tr key={d.id} class={d.id === selected ? 'selected' : ''}>
              <th scope="row">{d.name}</th>
              <td>{d.status}</td>
              <td>{d.environment || '—'}</td>
              <td>{d.instance_type_name}</td>
              <td>{formatTime(d.created_at)}</td>
              <td>
                <button type="button" class="link" aria-pressed={d.id === selected ? 'true' : 'false'}
                  onClick={() => setSelected(d.id)}>Logs and metrics<span class="visually-hidden"> of {d.name}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote error={detail.error} action="Loading logs and metrics" />
      {detail.data && (
        <div class="two">
          <section aria-labelledby="logs-title">
            <h3 id="logs-title">Logs</h3>
            <pre class="logs" data-testid="logs" tabIndex={0}>
              {detail.data.logs.logs.map((l) => `${formatTime(logTime(l.timestamp))} ${l.level ?? ''} ${l.message}`).join('\n')}
            </pre>
          </section>
          <section aria-labelledby="metrics-title">
            <h3 id="metrics-title">Metrics</h3>
            <Metrics metrics={detail.data.metrics} scaling={data.deployments.find((d) => d.id === selected)?.autoscaling_settings} />
          </section>
        </div>
      )}
    </section>
  );
}

