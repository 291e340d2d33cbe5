/** An email to one customer. `reference` is the delivery id: stable across retries of the same delivery. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  reference: string;
}

/** A text message to one phone number (E.164). */
export interface SmsMessage {
  to: string;
  text: string;
  reference: string;
}

/** Hands an email on for delivery; resolves once the server took it, throws (to be retried) otherwise. */
export interface EmailSender {
  readonly kind: string;
  send(message: EmailMessage): Promise<void>;
  close?(): Promise<void>;
}

/** Hands a text message to an SMS provider; resolves once the provider took it, throws otherwise. */
export interface SmsProvider {
  readonly kind: string;
  send(message: SmsMessage): Promise<void>;
}

export interface DeliveryChannels {
  email: EmailSender;
  sms: SmsProvider;
}
