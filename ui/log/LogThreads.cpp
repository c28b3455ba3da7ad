#include "ui/log/LogThreads.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <malloc.h>

using namespace Qt::StringLiterals;

namespace WebJobs::LogThreads {

namespace {

// Parented to the application, so that they end (after their tasks) before it does.
QThreadPool* makePool(int threads, const QString& name)
{
    auto* pool = new QThreadPool(QCoreApplication::instance());
    pool->setObjectName(name);
    pool->setMaxThreadCount(threads);
    pool->setExpiryTimeout(30000);
    return pool;
}

} // namespace

QThreadPool* io()
{
    static QThreadPool* pool = makePool(4, u"WebJobs log reads"_s);
    return pool;
}

QThreadPool* work()
{
    static QThreadPool* pool = makePool(std::max(2, QThread::idealThreadCount()), u"WebJobs log work"_s);
    return pool;
}

void releaseFreeMemory()
{
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
}

std::shared_ptr<QObject> relay()
{
    return std::shared_ptr<QObject>(new QObject, [](QObject* object) { object->deleteLater(); });
}

} // namespace WebJobs::LogThreads
