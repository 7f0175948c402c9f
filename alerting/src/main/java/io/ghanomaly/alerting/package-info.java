/** Alert delivery: channels, retries, the local log, and the operator's test command. */
package io.ghanomaly.alerting;
