// What a first-time user meets instead of a disabled form: register the app, paste its IDs, test.
import { useState } from 'preact/hooks';
import { checkClientId, checkTenant, type Problem } from '../core/validate';
import { t } from '../shared/i18n';
import { store } from '../storage/browser-store';
import { firstView } from '../storage/first-view';
import { Field, describedBy } from '../ui/field';
import { RegisterApp, TestConnection } from '../ui/setup-steps';

export function SetupAssistant({ onSaved, onDone }: { onSaved: () => void; onDone: () => void }) {
  const [clientId, setClientId] = useState('');
  const [tenant, setTenant] = useState('');
  const [problems, setProblems] = useState<{ clientId?: Problem | null; tenant?: Problem | null }>({});
  const [saved, setSaved] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    const found = { clientId: checkClientId(clientId), tenant: checkTenant(tenant) };
    setProblems(found);
    if (found.clientId || found.tenant) return;
    const settings = await store.read('settings');
    await store.write('settings', { ...settings, clientId: clientId.trim(), tenant: tenant.trim() });
    firstView.forget();
    setSaved(true);
    onSaved();
  };
  return (
    <section class="box setup" data-testid="setup">
      <p>
        <strong>{t('setupWelcome')}</strong>
      </p>
      <RegisterApp />
      <form noValidate onSubmit={(e) => void save(e)} aria-labelledby="ids-title">
        <h2 id="ids-title">{t('setupIdsTitle')}</h2>
        <Field id="clientId" label={t('fieldClientId')} problem={problems.clientId}>
          <input
            {...describedBy('clientId', problems.clientId)}
            value={clientId}
            onInput={(e) => setClientId(e.currentTarget.value)}
            spellcheck={false}
          />
        </Field>
        <Field id="tenant" label={t('fieldTenant')} problem={problems.tenant} hint={t('tenantHint')}>
          <input
            {...describedBy('tenant', problems.tenant, t('tenantHint'))}
            value={tenant}
            onInput={(e) => setTenant(e.currentTarget.value)}
            spellcheck={false}
          />
        </Field>
        <button type="submit" class="primary" data-testid="setup-save">
          {t('save')}
        </button>
      </form>
      {saved && (
        <>
          <TestConnection />
          <button type="button" class="link" onClick={onDone} data-testid="setup-done">
            {t('setupDone')}
          </button>
        </>
      )}
    </section>
  );
}
