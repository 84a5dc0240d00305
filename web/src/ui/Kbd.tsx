/** The shortcut shown on a button (the button also says it in aria-keyshortcuts). */
export function Kbd(props: { keys: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {props.keys}
    </kbd>
  );
}
