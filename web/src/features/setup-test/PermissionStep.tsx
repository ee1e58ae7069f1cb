import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { unlockAudio } from '../../core/audio';
import type { LocalMedia, LocalMediaState } from '../../core/local-media';
import { useStore } from '../../ui/use-store';
import { StepHeading } from './StepHeading';

type T = ReturnType<typeof useTranslation>['t'];

/** Step 1: ask for camera and microphone, and explain clearly what to do when that fails. */
export function PermissionStep({ media, number }: { media: LocalMedia; number: number }) {
  const { t } = useTranslation();
  const state = useStore(media);
  const headingId = useId();
  const requesting = state.status === 'requesting';

  // One button whose label follows the state, so keyboard focus never gets lost when the state changes.
  const primary = () => {
    if (state.status === 'requesting') {
      return;
    }
    if (state.status === 'ready') {
      media.stop();
    } else {
      unlockAudio();
      void media.start({ audioOnly: state.status === 'error' && state.audioOnly });
    }
  };
  const primaryLabel =
    state.status === 'ready'
      ? t('setup.devicesStep.turnOff')
      : state.status === 'error'
        ? t('setup.devicesStep.retry')
        : t('setup.devicesStep.allow');

  return (
    <section className="card step" aria-labelledby={headingId}>
      <StepHeading id={headingId} number={number} text={t('setup.devicesStep.heading')} />
      {(state.status === 'idle' || requesting) && <p>{t('setup.devicesStep.explain')}</p>}
      <p role="status" aria-labelledby={headingId} className={`status status-${statusTone(state)}`}>
        <span className="status-main">{statusText(state, t)}</span>
      </p>
      {state.status === 'error' && <ErrorHelp state={state} />}
      <div className="actions">
        <button
          type="button"
          className={state.status === 'ready' ? 'button button-secondary' : 'button button-primary'}
          aria-disabled={requesting ? true : undefined}
          onClick={primary}
        >
          {primaryLabel}
        </button>
        {offersAudioOnly(state) && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              unlockAudio();
              void media.start({ audioOnly: true });
            }}
          >
            {t('setup.devicesStep.continueAudioOnly')}
          </button>
        )}
      </div>
    </section>
  );
}

function statusTone(state: LocalMediaState): 'neutral' | 'ok' | 'problem' {
  if (state.status === 'ready') {
    return 'ok';
  }
  return state.status === 'error' ? 'problem' : 'neutral';
}

function statusText(state: LocalMediaState, t: T): string {
  switch (state.status) {
    case 'idle':
      return t('setup.devicesStep.status.idle');
    case 'requesting':
      return t('setup.devicesStep.status.requesting');
    case 'ready':
      return state.stream?.getVideoTracks().length
        ? t('setup.devicesStep.status.ready')
        : t('setup.devicesStep.status.readyAudioOnly');
    case 'error':
      return errorHeading(state, t);
  }
}

function errorHeading(state: LocalMediaState, t: T): string {
  switch (state.error) {
    case 'denied':
      return t('setup.devicesStep.denied.heading');
    case 'notFound':
      return t('setup.devicesStep.notFound.heading');
    case 'inUse':
      return t('setup.devicesStep.inUse.heading');
    case 'unsupported':
      return t('setup.devicesStep.unsupported.heading');
    default:
      return t('setup.devicesStep.other.heading');
  }
}

/** Sound only helps when the camera is the problem, not the microphone. */
function offersAudioOnly(state: LocalMediaState): boolean {
  if (state.status !== 'error' || state.audioOnly) {
    return false;
  }
  if (state.error === 'notFound') {
    return state.found?.microphone !== false;
  }
  return state.error === 'inUse';
}

function ErrorHelp({ state }: { state: LocalMediaState }) {
  const { t } = useTranslation();
  switch (state.error) {
    case 'denied': {
      const steps = t('setup.devicesStep.denied.steps', { returnObjects: true });
      return (
        <div className="help-box">
          <p>{t('setup.devicesStep.denied.text')}</p>
          <ol className="steps-list">
            {steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <p>{t('setup.devicesStep.denied.system')}</p>
        </div>
      );
    }
    case 'notFound': {
      const noMicrophone = state.audioOnly || state.found?.microphone === false;
      const noCamera = !noMicrophone && state.found?.camera === false;
      return (
        <div className="help-box">
          <p>
            {noMicrophone
              ? t('setup.devicesStep.notFound.noMicrophone')
              : noCamera
                ? t('setup.devicesStep.notFound.noCamera')
                : t('setup.devicesStep.notFound.unknown')}
          </p>
        </div>
      );
    }
    case 'inUse':
      return (
        <div className="help-box">
          <p>{t('setup.devicesStep.inUse.text')}</p>
        </div>
      );
    case 'unsupported':
      return (
        <div className="help-box">
          <p>{t('setup.devicesStep.unsupported.text')}</p>
        </div>
      );
    default:
      return (
        <div className="help-box">
          <p>{t('setup.devicesStep.other.text')}</p>
        </div>
      );
  }
}
