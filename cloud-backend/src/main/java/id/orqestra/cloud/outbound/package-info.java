/**
 * Sending through Meta's Graph API: what an agent writes goes out to WhatsApp or Instagram, exactly once,
 * at a pace Meta accepts, and its fate comes back to the agent.
 *
 * <h2>Path of a send</h2>
 * {@link id.orqestra.cloud.outbound.OutboundService} checks the send (who may, the channel, the window, the
 * content — templates against their synced definition) and, in one transaction, stores the message as
 * QUEUED, its Graph request as a row of {@code outbound_jobs}, and the {@code message.upserted} event.
 * {@link id.orqestra.cloud.outbound.OutboundWorkers} claim due jobs with {@code FOR UPDATE SKIP LOCKED}
 * (woken by NOTIFY from any instance), one job per recipient at a time so replies keep their order, and act
 * on Meta's answer through {@link id.orqestra.cloud.meta.MetaErrorCatalog}. Every change of the message's
 * state (QUEUED, SENDING, SENT, FAILED with a sentence; DELIVERED and READ from status webhooks) appends
 * its event in the same transaction.
 *
 * <h2>Pacing</h2>
 * A WhatsApp number sends at most its throughput (80 messages a second unless Meta raised it; set per
 * channel up to 1,000). {@link id.orqestra.cloud.outbound.SendPacer} spaces sends evenly at the rate less
 * 5 % ({@code orqestra.outbound.rate-safety}), so 80/s means one send every 13.2 ms (about 76 a second):
 * slots come from the database so several instances share one pace, and within an instance no two sends
 * start closer than that and no more than the rate start within 1.05 s — a pause is not caught up in a
 * burst. Towards one customer, sends go one at a time and at least {@code orqestra.outbound.pair-interval}
 * (1 s) apart; Meta's pair limit (131056) backs the customer off 6 s, doubling.
 *
 * <h2>Retries and sends that may have arrived</h2>
 * 5xx answers, passing Graph errors (1, 2, 131000, 131016, 131057) and connections that never opened are
 * retried with growing delays (2 s doubling, at most 5 minutes, 10 tries); throughput errors (130429, 4,
 * 80007) also hold the whole channel back for a moment. Permanent errors fail at once with their sentence.
 * A request that may have reached Meta — written, then a timeout or a broken connection — is never sent
 * again: the job turns UNCONFIRMED and the message stays "sending". Every WhatsApp send carries the
 * message's client id in {@code biz_opaque_callback_data}; the first status webhook naming it gives the
 * message its wamid ({@link id.orqestra.cloud.outbound.SendReconciler}). Without one within
 * {@code orqestra.outbound.unconfirmed-grace} (10 minutes) the message fails with a sentence asking the
 * agent to check the chat before sending again (a late webhook still un-fails it). Instagram has no such
 * callback data, so its unconfirmed sends can only end that way.
 *
 * <h2>Instagram</h2>
 * Orqestra uses the Instagram API with Instagram Login: {@code graph.instagram.com/{version}/{ig-account-id}/messages}
 * with the account's Instagram user token (no Facebook Page needed), comments at
 * {@code /{comment-id}/replies} and {@code /{comment-id}?hide=}. Attachments go by public link; a reply
 * after 24 hours and up to 7 days carries the HUMAN_AGENT tag, only for replies a person wrote.
 */
package id.orqestra.cloud.outbound;
