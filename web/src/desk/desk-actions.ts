import { createContext, useContext } from 'react';

/** How components send agent commands: one at a time, errors shown by the desktop. */
export interface DeskActions {
  /** POST /api/agent/{path}; resolves true when the server accepted it. */
  run(path: string, body?: unknown): Promise<boolean>;
  /** A command is on its way: buttons wait for it (no double sends). */
  pending: boolean;
}

export const DeskActionsContext = createContext<DeskActions>({ run: async () => false, pending: false });

export const useDeskActions = (): DeskActions => useContext(DeskActionsContext);
