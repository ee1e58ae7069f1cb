import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DoneNotice } from '../../../ui/Notice';

/** The ten recovery codes, shown once: copy or print them, then confirm they are stored. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copyCodes = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <div className="print-area">
      <DoneNotice>
        <p>{t('profile.totp.enabled')}</p>
      </DoneNotice>
      <h3>{t('profile.totp.codesHeading')}</h3>
      <p className="status status-problem">{t('profile.totp.codesText')}</p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions no-print">
        <button type="button" className="button button-secondary" onClick={() => void copyCodes()}>
          {t('profile.totp.copy')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('profile.totp.print')}
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          {t('profile.totp.codesDone')}
        </button>
      </div>
      <p role="status" className={copy === 'idle' ? 'form-status no-print' : 'form-status status no-print'}>
        {copy === 'copied' ? t('profile.totp.copied') : copy === 'failed' ? t('profile.totp.copyFailed') : ''}
      </p>
    </div>
  );
}
