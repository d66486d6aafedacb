// The connection to the tour hub (/hubs/tours): WebSockets, falling back to server-sent events and long polling;
// reconnects on its own for ever (a school line drops for minutes), and starts again when the browser is back online.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

export interface TourConnection {
  hub: HubConnection;
  /** Starts the connection, retrying until it is up; then calls `ready` (again after every reconnection). */
  start(ready: () => Promise<void>): Promise<void>;
}

export function connectTour(onDown: (reconnecting: boolean) => void): TourConnection {
  const hub = new HubConnectionBuilder()
    .withUrl('/hubs/tours')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(500 * 2 ** c.previousRetryCount, 5000) })
    .configureLogging(LogLevel.None)
    .build();
  // A dropped line is noticed in seconds, not the default 30: the keep-alive comes every 15 s from the server.
  hub.serverTimeoutInMilliseconds = 20_000;
  let onReady: () => Promise<void> = async () => {};
  let starting = false;

  async function startLoop(): Promise<void> {
    if (starting) return;
    starting = true;
    for (let attempt = 0; hub.state === HubConnectionState.Disconnected; attempt++) {
      try {
        await hub.start();
        await onReady();
      } catch {
        onDown(true);
        await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 5000)));
      }
    }
    starting = false;
  }

  hub.onreconnecting(() => onDown(true));
  hub.onreconnected(() => { onReady().catch(() => onDown(true)); });
  hub.onclose(() => { onDown(true); void startLoop(); });
  window.addEventListener('online', () => { if (hub.state === HubConnectionState.Disconnected) void startLoop(); });

  return {
    hub,
    async start(ready) {
      onReady = ready;
      await startLoop();
    },
  };
}
