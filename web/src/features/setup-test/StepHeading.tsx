import { useTranslation } from 'react-i18next';

/** "Schritt 1: …" — the number is part of the heading so screen reader users hear where they are. */
export function StepHeading({ id, number, text }: { id: string; number: number; text: string }) {
  const { t } = useTranslation();
  return (
    <h2 id={id} className="step-heading">
      <span className="step-number">{t('setup.stepLabel', { number })}</span> {text}
    </h2>
  );
}
