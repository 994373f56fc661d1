// Other profiles' runs still going: a line each, so that switching profile never hides work under
// way. They go on in their own directory; their controls are in that profile's popup.
import type { elsewhere } from '../core/queue';
import { t } from '../shared/i18n';

export function ElsewhereRuns({ lines }: { lines: ReturnType<typeof elsewhere> }) {
  if (!lines.length) return null;
  return (
    <div class="elsewhere" role="status" data-testid="elsewhere-runs">
      {lines.map((line) => (
        <p class={line.held ? 'error' : 'hint'} key={line.name} data-testid="elsewhere-run">
          {line.held
            ? t('queueElsewhereStopped', [line.name, String(line.waiting)])
            : t('queueElsewhere', [line.name, String(line.done), String(line.waiting)])}
        </p>
      ))}
    </div>
  );
}
