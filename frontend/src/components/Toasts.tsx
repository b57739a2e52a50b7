import { useCallback, useEffect, useRef, useState } from "react";

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "good" | "bad";
}

// Passing news ("Ana solved SOUTH", "Blue Owls finished 1st"): announced to
// screen readers politely and gone after a few seconds.
export function useToasts(lifetimeMs = 3500) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const push = useCallback(
    (text: string, kind: Toast["kind"] = "info") => {
      const id = next.current++;
      // Two at most: more would cover the ladder on a phone.
      setToasts((list) => [...list.slice(-1), { id, text, kind }]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setToasts((list) => list.filter((t) => t.id !== id));
      }, lifetimeMs);
      timers.current.add(timer);
    },
    [lifetimeMs],
  );
  // Everything at once, e.g. when the results replace the round the news was about.
  const clear = useCallback(() => {
    timers.current.forEach(clearTimeout);
    timers.current.clear();
    setToasts([]);
  }, []);
  return { toasts, push, clear };
}

// Floating at the foot of the page, or `inline`: a line of its own in the page
// (under the guess input while solving), so news never covers what is typed.
export function ToastShelf({ toasts, inline = false }: { toasts: Toast[]; inline?: boolean }) {
  return (
    <div className={inline ? "toasts toasts-inline" : "toasts"} role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
