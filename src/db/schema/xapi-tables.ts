/** Tables of the xAPI outbox and LRS settings. */
export interface XapiTables {}
