#pragma once

// The viewer's threads. Reads of a log (cache blocks, the tail, ranged reads through a service)
// run on io(); indexing and search run on work(), so that a long search never delays the read
// that fills the screen. Neither is QThreadPool::globalInstance(), where LocalJobService runs
// its own reads: a viewer task that waits for one of those can never take the thread it needs.
//
// relay() makes a QObject in the calling (GUI) thread for worker tasks to post answers to with
// QMetaObject::invokeMethod. The tasks hold it by shared_ptr, so it outlives every post; the
// last owner deletes it with deleteLater, in its own thread. Lambdas posted to it check a
// QPointer to the object that asked, in the GUI thread, and drop the answer when it is gone.

#include <QObject>

#include <memory>

class QThreadPool;

namespace WebJobs::LogThreads {

QThreadPool* io();
QThreadPool* work();
std::shared_ptr<QObject> relay();

// Gives the memory that the viewer's threads freed back to the system. The C library keeps
// what each thread freed for that thread's next allocations: after a search of a large log,
// its read blocks would stay resident (tens of MiB) until the viewer searches again. Called
// when a pass or a search ends, in any thread; a few milliseconds.
void releaseFreeMemory();

} // namespace WebJobs::LogThreads
