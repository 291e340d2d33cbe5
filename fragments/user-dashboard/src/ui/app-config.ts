import { APP_ID, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { provideClientHydration, withNoHttpTransferCache } from '@angular/platform-browser';
import { DASHBOARD_APP_ID } from './dashboard-context.js';

/** What the server render and the browser's hydration share: they must agree for hydration to reuse the DOM. */
export const sharedConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideClientHydration(withNoHttpTransferCache()),
    { provide: APP_ID, useValue: DASHBOARD_APP_ID },
  ],
};
