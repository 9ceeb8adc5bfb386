export { createEventStreamParser, type EventStreamParser, type ServerSentEvent } from './event-stream-parser'
export { openLiveStream, watchLiveStreams, type ConnectCause, type LiveStream, type LiveStreamActivity, type LiveStreamOptions, type LiveStreamStatus } from './live-stream'
