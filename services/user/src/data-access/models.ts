import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '@storefront/auth';
import type { Address, NotificationPreferences, StorefrontEvent } from '@storefront/contracts';

export interface UserDocument {
  _id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
  /** Absent on accounts made before profiles existed; read as null, [] and the default preferences. */
  phone?: string | null;
  addresses?: Address[];
  preferences?: NotificationPreferences;
  /** Bumped by every profile or role change: the guard that keeps a change and its event together. */
  revision?: number;
  /** The event announcing this user, until its outbox row is written (only without transactions). */
  pendingEvent?: StorefrontEvent;
}

export interface SessionDocument {
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** Recent failed sign-ins of one account (by email, known or not), shared by every replica. */
export interface LoginAttemptDocument {
  _id: string;
  /** The last few failures, oldest first. */
  failures: Date[];
  expiresAt: Date;
}

/** The clients (addresses) that signed in to an account lately: others' failures do not hold them back. */
export interface KnownClientsDocument {
  _id: string;
  clients: string[];
  expiresAt: Date;
}

/** A password reset link that was sent: the token's hash only, so a copy of the store opens no account. */
export interface PasswordResetDocument {
  /** SHA-256 of the token, hex. */
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface OutboxDocument {
  _id: string;
  type: string;
  payload: unknown;
  createdAt: Date;
  sentAt: Date | null;
  // A relay instance owns a claimed row until this moment; after it, another instance may take it over.
  claimedUntil: Date | null;
}

const userSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ['customer', 'editor', 'admin'] },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    phone: { type: String, required: false },
    // Validated by the contracts' zod schemas at the edge; stored as given.
    addresses: { type: Schema.Types.Mixed, required: false },
    preferences: { type: Schema.Types.Mixed, required: false },
    revision: { type: Number, required: false },
    pendingEvent: { type: Schema.Types.Mixed, required: false },
  },
  { collection: 'users', versionKey: false, minimize: false },
);
userSchema.index({ email: 1 }, { unique: true, name: 'email_unique' });
// The admin listing pages through users in sign-up order.
userSchema.index({ createdAt: 1, _id: 1 }, { name: 'created' });
userSchema.index({ 'pendingEvent.id': 1 }, { sparse: true, name: 'pending_event' });

const sessionSchema = new Schema<SessionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false },
);
// Expired sessions are useless once the JWT they back has expired too; Mongo's TTL monitor removes them.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });
sessionSchema.index({ userId: 1 }, { name: 'user' });

const loginAttemptSchema = new Schema<LoginAttemptDocument>(
  {
    _id: { type: String, required: true },
    failures: { type: [Date], default: [] },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'login_attempts', versionKey: false },
);
// Once the window has passed, the record means nothing; the TTL monitor removes it.
loginAttemptSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });

const knownClientsSchema = new Schema<KnownClientsDocument>(
  {
    _id: { type: String, required: true },
    clients: { type: [String], default: [] },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'known_clients', versionKey: false },
);
knownClientsSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });

const passwordResetSchema = new Schema<PasswordResetDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'password_resets', versionKey: false },
);
// An expired link opens nothing (the use case checks the time); the TTL monitor clears it away later.
passwordResetSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });
// Using one link (or changing the password) ends every other link of the account.
passwordResetSchema.index({ userId: 1 }, { name: 'user' });

const outboxSchema = new Schema<OutboxDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    claimedUntil: { type: Date, default: null },
  },
  { collection: 'outbox', versionKey: false, minimize: false },
);
outboxSchema.index({ sentAt: 1, createdAt: 1 }, { name: 'pending' });

export interface Models {
  User: Model<UserDocument>;
  Session: Model<SessionDocument>;
  Outbox: Model<OutboxDocument>;
  LoginAttempt: Model<LoginAttemptDocument>;
  KnownClients: Model<KnownClientsDocument>;
  PasswordReset: Model<PasswordResetDocument>;
}

export function registerModels(connection: Connection): Models {
  return {
    User: connection.model<UserDocument>('User', userSchema),
    Session: connection.model<SessionDocument>('Session', sessionSchema),
    Outbox: connection.model<OutboxDocument>('Outbox', outboxSchema),
    LoginAttempt: connection.model<LoginAttemptDocument>('LoginAttempt', loginAttemptSchema),
    KnownClients: connection.model<KnownClientsDocument>('KnownClients', knownClientsSchema),
    PasswordReset: connection.model<PasswordResetDocument>('PasswordReset', passwordResetSchema),
  };
}
