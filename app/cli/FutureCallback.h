#pragma once

// Runs a callback with a future's result in the thread of `context`, and drops it when `context`
// is destroyed first: a QFutureWatcher parented to the context does the work, as in the console's
// ui/FutureCallback.h (Qt 6.4's QFuture::then(context, ...) is not safe when its context dies
// first). A cancelled future, or one without a result, calls nothing.

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace WebJobs {

template <typename T, typename Callback>
void whenFinished(QObject* context, const QFuture<T>& future, Callback&& callback)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
        [watcher, callback = std::forward<Callback>(callback)]() mutable {
            watcher->deleteLater();
            const QFuture<T> done = watcher->future();
            if (done.isCanceled() || done.resultCount() == 0)
                return;
            callback(done.result());
        });
    watcher->setFuture(future);
}

} // namespace WebJobs
