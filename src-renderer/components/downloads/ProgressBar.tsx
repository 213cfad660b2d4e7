type Props = {
  /** Whole percent, 0–100; null while the total is unknown (the bar then has no value). */
  percent: number | null;
  /** What the bar is of, for a screen reader: "Downloading Weekly sync.mp4". */
  label: string;
  /** The words beside it ("1.2 MB of 4 MB, paused"), read as the bar's value text. */
  valueText: string;
  /** Colours the fill: paused amber, failed red, done green. */
  state: string;
  testId?: string;
};

/**
 * A progress bar drawn with a div, not <progress>: its fill can be coloured by state in both
 * themes, and `aria-valuenow` is what a screen reader (and the end-to-end test) reads.
 */
export function ProgressBar({ percent, label, valueText, state, testId }: Props) {
  return (
    <div
      className={percent === null ? 'progress progress--indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
      data-state={state}
      data-testid={testId}
    >
      <div
        className="progress__fill"
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
