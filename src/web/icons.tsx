import type { AgencyId } from '../catalogue/agencies.js';

// Simple line icons drawn inline (no external requests, no inline script or style).
const paths: Record<AgencyId, string> = {
  passports: 'M7 3h10a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm5 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm-3 9h6',
  traffic: 'M5 16l1.5-5a2 2 0 0 1 2-1.5h7a2 2 0 0 1 2 1.5L19 16M4 16h16v3H4zM7 19v1M17 19v1M7.5 14h.01M16.5 14h.01',
  'civil-affairs': 'M4 6h16v12H4zM8 10a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM6 16c.5-1.2 3.5-1.2 4 0M13 10h5M13 13h5',
  recruitment: 'M9 7a3 3 0 1 0 6 0 3 3 0 0 0-6 0M5 20c1-4 13-4 14 0M18 4l2 2-2 2',
  general: 'M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7zM9 12l2 2 4-4',
};

export function AgencyIcon({ agency }: { agency: AgencyId }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
      <path d={paths[agency]} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
